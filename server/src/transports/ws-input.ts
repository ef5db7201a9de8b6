import { describeIssue } from '../http/body.ts'
import { type ErrorCode, type WsSend, wsSendSchema } from '../protocol.ts'

export type WsInput = { ok: true; value: WsSend } | { ok: false; code: ErrorCode; message: string }

/**
 * Checks one client frame. Frame size and UTF-8 are enforced by ws itself (close 1009 / 1007);
 * what reaches here is text or binary that fits, and a mistake in it only earns an error reply.
 */
export function parseWsSend(data: unknown): WsInput {
  if (typeof data !== 'string') {
    return {
      ok: false,
      code: 'unsupported',
      message: 'binary frames are not part of this protocol; send JSON text',
    }
  }
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return { ok: false, code: 'bad_request', message: 'frame is not valid JSON' }
  }
  const result = wsSendSchema.safeParse(json)
  if (!result.success)
    return { ok: false, code: 'bad_request', message: describeIssue(result.error) }
  return { ok: true, value: result.data }
}
