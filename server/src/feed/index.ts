export type { AppendResult, Cursor, Feed, FeedListener, NewMessage } from './feed.ts'
export { MemoryFeed, newEpoch } from './memory-feed.ts'
