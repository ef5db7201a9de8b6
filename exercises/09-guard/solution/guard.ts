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

/** Allows bursts of up to `capacity` messages, then `refillPerSecond` messages per second. */
export class TokenBucket {
  #capacity: number
  #refillPerMs: number
  #now: () => number
  #tokens: number
  #refilledAt: number

  constructor(capacity: number, refillPerSecond: number, now: () => number = Date.now) {
    if (!(capacity > 0) || !Number.isFinite(capacity)) {
      throw new RangeError(`capacity must be a positive finite number, got ${capacity}`)
    }
    if (!(refillPerSecond >= 0) || !Number.isFinite(refillPerSecond)) {
      throw new RangeError(`refillPerSecond must be a finite number ≥ 0, got ${refillPerSecond}`)
    }
    this.#capacity = capacity
    this.#refillPerMs = refillPerSecond / 1000
    this.#now = now
    this.#tokens = capacity
    this.#refilledAt = now()
  }

  take(n = 1): boolean {
    // A negative n would add tokens, and NaN would let every later take through (x < NaN is false).
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`take(n) needs a whole number of tokens ≥ 1, got ${n}`)
    }
    const now = this.#now()
    // Keep fractions: rounding here would lose a little refill at every call.
    const refill = (now - this.#refilledAt) * this.#refillPerMs
    this.#tokens = Math.min(this.#capacity, this.#tokens + refill)
    this.#refilledAt = now
    if (this.#tokens < n) return false
    this.#tokens -= n
    return true
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const utf8 = new TextEncoder()

function reject(code: RejectCode, reason: string): ParseResult {
  return { ok: false, code, reason }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Characters as a person counts them (code points): '😀'.length is 2, [...'😀'].length is 1. */
function characters(text: string): number {
  return [...text].length
}

export function parseChatMessage(
  raw: string | Uint8Array,
  limits: Partial<ChatLimits> = {},
): ParseResult {
  const { maxBytes, maxNameLength, maxTextLength } = { ...DEFAULT_LIMITS, ...limits }

  // Size first, on the raw bytes: parsing a huge payload is exactly the work an attacker wants.
  const bytes = typeof raw === 'string' ? utf8.encode(raw).byteLength : raw.byteLength
  if (bytes > maxBytes) return reject(1009, `message is ${bytes} bytes, the limit is ${maxBytes}`)

  let text: string
  if (typeof raw === 'string') {
    text = raw
  } else {
    try {
      text = strictUtf8.decode(raw)
    } catch {
      return reject(1007, 'message is not valid UTF-8')
    }
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return reject(1007, 'message is not valid JSON')
  }

  if (!isRecord(parsed)) return reject(1008, 'message must be a JSON object')
  const keys = Object.keys(parsed).sort().join(',')
  if (keys !== 'name,text,type')
    return reject(1008, 'message must have exactly type, name and text')
  if (parsed.type !== 'chat') return reject(1008, 'type must be "chat"')
  const { name, text: chatText } = parsed
  if (typeof name !== 'string' || typeof chatText !== 'string') {
    return reject(1008, 'name and text must be strings')
  }

  const nameLength = characters(name)
  if (nameLength === 0 || nameLength > maxNameLength) {
    return reject(1008, `name must have 1 to ${maxNameLength} characters`)
  }
  if (chatText.trim() === '') return reject(1008, 'text must not be blank')
  if (characters(chatText) > maxTextLength) {
    return reject(1008, `text must have at most ${maxTextLength} characters`)
  }
  return { ok: true, value: { type: 'chat', name, text: chatText } }
}

export function isAllowedOrigin(origin: string | undefined, allowlist: readonly string[]): boolean {
  for (const entry of allowlist) {
    if (!isBareOrigin(entry)) {
      throw new TypeError(
        `allowlist entry "${entry}" must be a bare origin like https://example.com`,
      )
    }
  }
  // A browser sends the serialized origin: scheme, host and port, lowercase, no path. Compare it
  // whole: a prefix or suffix test lets https://example.com.evil.io in.
  return origin !== undefined && allowlist.includes(origin)
}

function isBareOrigin(entry: string): boolean {
  try {
    return new URL(entry).origin === entry
  } catch {
    return false
  }
}
