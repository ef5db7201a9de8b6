import type { Member } from '../class/membership.ts'
import { checkClassSend, senderKey } from '../class/send-rules.ts'
import type { Deps } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { rateLimitedMessage } from '../http/rate-limit.ts'
import type { ErrorCode, ServerFrame, WsSend } from '../protocol.ts'

/** A chat message a socket client asked to send, checked, or why it was refused. */
export type SendInput =
  | { ok: true; value: Omit<WsSend, 'type'> }
  | { ok: false; code: ErrorCode; message: string }

/** What a socket's `send` earns: its ack, or an error (the socket stays open either way). */
export type SendReply = Extract<ServerFrame, { type: 'ack' | 'error' }>

/** Who sent it: the room of the connection, and whom the rate limits count it against. */
export interface SendOrigin {
  room: string
  ip: string
  client: string | undefined
  /** Class mode: the student or instructor sending. */
  member?: Member | undefined
}

/**
 * One `send` over a socket (WebSocket or Socket.IO), the same rules as `POST /api/messages`: the
 * rate limits, then the append (a repeated clientMsgId answers with the same seq). The caller sends
 * the reply before the message it produced.
 */
export async function appendFromSocket(
  { feed, sendLimiter }: Pick<Deps, 'feed' | 'sendLimiter'>,
  from: SendOrigin,
  input: SendInput,
): Promise<SendReply> {
  if (!input.ok) return { type: 'error', code: input.code, message: input.message }
  const { user, text, clientMsgId } = input.value
  try {
    checkClassSend(from.member, user)
    const waitMs = sendLimiter.check(from.ip, senderKey(from.member, from.client))
    if (waitMs > 0) {
      return { type: 'error', code: 'rate_limited', message: rateLimitedMessage(waitMs) }
    }
    const { message } = await feed.append(from.room, {
      kind: 'chat',
      user,
      text,
      ...(clientMsgId !== undefined && { clientMsgId }),
    })
    return {
      type: 'ack',
      ...(clientMsgId && { clientMsgId }),
      seq: message.seq,
      ts: message.ts,
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return { type: 'error', code: error.code, message: error.message }
  }
}
