/** One entry of a room's log, as every transport delivers it (the server's `Message`). */
export type { Message as ChatMessage } from '../../../server/src/protocol.ts'
