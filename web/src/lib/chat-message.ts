// Mirrors the Message of DESIGN.md; phase 2 imports it from server/src/protocol.ts once that exists.
/** One entry of a room's log, as every transport delivers it. */
export interface ChatMessage {
  seq: number
  ts: number
  room: string
  kind: 'chat' | 'system' | 'tick'
  user: string
  text: string
  clientMsgId?: string
}
