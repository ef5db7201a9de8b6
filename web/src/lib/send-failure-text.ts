import type { Texts } from '../i18n/index.ts'
import { SendError, type SendFailure } from './send-error.ts'

// A Record, so that adding a code to SendFailure fails to compile until it is listed here.
const FAILURES: Record<SendFailure, true> = {
  bad_request: true,
  payload_too_large: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  method_not_allowed: true,
  conflict: true,
  rate_limited: true,
  unsupported: true,
  server_error: true,
  store_unavailable: true,
  class_join_required: true,
  muted: true,
  network: true,
  not_open: true,
  reconnecting: true,
  no_ack: true,
}

/** Every reason a send can fail for, server codes and client-side ones. */
export const SEND_FAILURES = Object.keys(FAILURES) as SendFailure[]

export interface FailureText {
  /** In the page's language, to follow "Not sent:". */
  reason: string
  /** What the sender said (the server's English sentence), for a tooltip; may be empty. */
  detail: string
}

/** Translates why a send failed; a code the page does not know, or any other error, reads generic. */
export function sendFailureText(texts: Texts, error: unknown): FailureText {
  const reasons: Record<SendFailure, string> & { unknown: string } = texts.composer.errors
  const code = error instanceof SendError && Object.hasOwn(FAILURES, error.code) ? error.code : null
  return {
    reason: code ? reasons[code] : reasons.unknown,
    detail: error instanceof Error ? error.message : String(error ?? ''),
  }
}
