import type { Batch, Message, MessageKind } from '../protocol.ts'

/** Where a client is in a room's log: the last seq it has, and the epoch that seq belongs to. */
export interface Cursor {
  since: number
  epoch?: string
}

/** What a caller appends; the feed adds `seq`, `ts` and `room`. */
export interface NewMessage {
  kind: MessageKind
  user: string
  text: string
  clientMsgId?: string
}

export interface AppendResult {
  message: Message
  /** True when the clientMsgId was seen before and nothing was appended. */
  duplicate: boolean
}

export type FeedListener = (message: Message) => void

/**
 * The replayable log every transport reads. Appends notify subscribers synchronously, after the
 * message is stored, so a listener that reads the log sees the new message.
 */
export interface Feed {
  readonly epoch: string
  append(room: string, message: NewMessage): Promise<AppendResult>
  /** Messages after the cursor, at most `limit`, with `reset`/`gap` per the cursor rules. */
  read(room: string, cursor: Cursor, limit: number): Promise<Batch>
  /** The last `limit` messages. */
  history(room: string, limit: number): Promise<Batch>
  head(room: string): number
  subscribe(room: string, listener: FeedListener): () => void
  /** Live subscriptions of a room, or of every room (to prove closed clients leave none). */
  listenerCount(room?: string): number
}
