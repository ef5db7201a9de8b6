/**
 * What the server accepts, mirrored from LIMITS in server/src/protocol.ts: the page imports only
 * types from there (its schemas would pull zod into the bundle), and draft.test.ts keeps the two
 * equal. Lengths are JS string lengths (UTF-16 code units), which is how the server's schema counts.
 */
export const USER_MAX_CHARS = 32
export const TEXT_MAX_CHARS = 2000
/** The character counter stays out of the way until the text gets near the limit. */
export const COUNTER_FROM_CHARS = 1800

/** Why a draft cannot be sent yet; each one has a sentence in `composer` of the texts. */
export type DraftProblem = 'noName' | 'nameTooLong' | 'noText' | 'textTooLong'

/** The name is trimmed before it is checked and sent; the text is sent exactly as typed. */
export function draftProblem(user: string, text: string): DraftProblem | null {
  const name = user.trim()
  if (!name) return 'noName'
  if (name.length > USER_MAX_CHARS) return 'nameTooLong'
  if (!text.trim()) return 'noText'
  if (text.length > TEXT_MAX_CHARS) return 'textTooLong'
  return null
}

/** `hidden` below COUNTER_FROM_CHARS; `near`, then `limit` at exactly the maximum, then `over`. */
export type CounterLevel = 'hidden' | 'near' | 'limit' | 'over'

export function counterLevel(textLength: number): CounterLevel {
  if (textLength > TEXT_MAX_CHARS) return 'over'
  if (textLength === TEXT_MAX_CHARS) return 'limit'
  return textLength >= COUNTER_FROM_CHARS ? 'near' : 'hidden'
}
