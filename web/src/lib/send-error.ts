import type { ErrorCode } from '../../../server/src/protocol.ts'
import type { Transport } from './exchange.ts'

/** One message the page asks a transport to send; the id makes a retry idempotent. */
export interface SendRequest {
  transport: Transport
  user: string
  text: string
  clientMsgId: string
}

/** Why a send failed: the server's error code, or what went wrong before the server could answer. */
export type SendFailure = ErrorCode | 'network' | 'not_open' | 'no_ack'

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
