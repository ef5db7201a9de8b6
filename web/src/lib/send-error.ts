import type { ErrorCode } from '../../../server/src/protocol.ts'
import { SOCKETIO_ON } from './exchange.ts'

/**
 * How a page sends: polling, long polling and SSE all send the same way, an HTTP POST; only the
 * WebSocket (and Socket.IO, when its panel is on) sends over the connection it receives on.
 */
export type SendChannel = 'http' | 'ws' | 'socketio'

export const SEND_CHANNELS: readonly SendChannel[] = SOCKETIO_ON
  ? ['http', 'ws', 'socketio']
  : ['http', 'ws']

/** One message the page asks to send; the id makes a retry idempotent. */
export interface SendRequest {
  transport: SendChannel
  user: string
  text: string
  clientMsgId: string
}

/** Why a send failed: the server's error code, or what went wrong before the server could answer. */
export type SendFailure = ErrorCode | 'network' | 'not_open' | 'reconnecting' | 'no_ack'

/** A failed send, with a code the page translates (the message is the server's English sentence). */
export class SendError extends Error {
  override name = 'SendError'
  constructor(
    readonly code: SendFailure,
    message: string,
  ) {
    super(message)
  }
}
