// Exercise 09-guard: the security checklist of a WebSocket server, one function at a time.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with: npm run grade -- 09-guard

/** The chat message a client may send: `{"type":"chat","name":"ana","text":"oi"}`. */
export interface ChatMessage {
  type: 'chat'
  name: string
  text: string
}

/** Limits for parseChatMessage; lengths count characters (Unicode code points), sizes count bytes. */
export interface ChatLimits {
  maxBytes: number
  maxNameLength: number
  maxTextLength: number
}

/** 1009 message too big, 1007 invalid payload data, 1008 policy violation (RFC 6455 §7.4.1). */
export type RejectCode = 1007 | 1008 | 1009

export type ParseResult =
  | { ok: true; value: ChatMessage }
  | { ok: false; code: RejectCode; reason: string }

export const DEFAULT_LIMITS: ChatLimits = { maxBytes: 4096, maxNameLength: 32, maxTextLength: 500 }

// const bucket = new TokenBucket(3, 1, () => clockMs)   full: 3 tokens, +1 token per second
// bucket.take() → true, true, true, false; one second later → true
// bucket.take(2) → takes two tokens at once, or none
//
// Traps:
// - refill from the time elapsed since the last call: (now − then) / 1000 · refillPerSecond.
// - keep the fractions: 0.6 token now + 0.6 later is 1.2, not 0.
// - never more than capacity, however long the bucket sat idle.
// - a refused take spends nothing.
// - capacity must be a positive finite number, refillPerSecond a finite number ≥ 0, and take's n
//   a whole number ≥ 1: anything else throws a RangeError that names the bad value.
export class TokenBucket {
  constructor(capacity: number, refillPerSecond: number, now: () => number = Date.now) {
    // TODO(09-guard): your code here (store the state; the bucket starts full)
    void capacity
    void refillPerSecond
    void now
  }

  take(n = 1): boolean {
    // TODO(09-guard): your code here
    throw new Error(`TODO(09-guard): refill from the clock, then take ${n} token(s) or refuse`)
  }
}

// parseChatMessage('{"type":"chat","name":"ana","text":"oi"}')
//   → { ok: true, value: { type: 'chat', name: 'ana', text: 'oi' } }
// parseChatMessage('x'.repeat(5000))           → { ok: false, code: 1009, reason: '…' }
// parseChatMessage(Buffer.from('c328', 'hex')) → { ok: false, code: 1007, reason: '…' }
// parseChatMessage('{"type":"chat"}')          → { ok: false, code: 1008, reason: '…' }
//
// Traps:
// - check the size first, on the raw bytes, before decoding or parsing anything.
// - a string's size is its UTF-8 byte count: 'ç'.length is 1, but it takes 2 bytes.
// - decode bytes with new TextDecoder('utf-8', { fatal: true }): the default replaces bad bytes.
// - JSON.parse('null'), JSON.parse('[]') and JSON.parse('"oi"') all succeed: check the shape.
// - the keys may come in any order, but there must be exactly those three.
// - lengths count characters, in the name too: '😀'.length is 2, [...'😀'].length is 1.
// - the reason goes into a close frame: at most 123 bytes, and never echo the input.
export function parseChatMessage(
  raw: string | Uint8Array,
  limits: Partial<ChatLimits> = {},
): ParseResult {
  // TODO(09-guard): your code here
  throw new Error(
    `TODO(09-guard): check size, UTF-8, JSON, shape and lengths of a ${typeof raw} (limits ${JSON.stringify(limits)})`,
  )
}

// isAllowedOrigin('https://chat.exemplo.com.br', ['https://chat.exemplo.com.br'])         → true
// isAllowedOrigin('https://chat.exemplo.com.br.evil.io', ['https://chat.exemplo.com.br']) → false
// isAllowedOrigin(undefined, ['https://chat.exemplo.com.br'])                             → false
//
// Traps:
// - compare the whole origin: startsWith, endsWith, includes on strings and unanchored regexes
//   all let a look-alike domain in.
// - scheme and port are part of the origin: http:// is not https://, :5173 is not :51730.
// - a missing header and the opaque origin "null" are never allowed.
// - an allowlist entry that is not a bare origin (new URL(entry).origin !== entry) is a
//   configuration error: throw a TypeError that names it, even when origin is missing or
//   matches an earlier entry (check the whole list before answering).
export function isAllowedOrigin(origin: string | undefined, allowlist: readonly string[]): boolean {
  // TODO(09-guard): your code here
  throw new Error(
    `TODO(09-guard): is ${JSON.stringify(origin)} exactly one of ${allowlist.length} allowed origins?`,
  )
}
