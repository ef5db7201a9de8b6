interface RandomSource {
  getRandomValues(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
  randomUUID?: () => string
}

/**
 * A fresh id for one message (a version-4 UUID). `crypto.randomUUID` exists only in a secure
 * context (https or localhost); a class that joins the instructor's server over the LAN at
 * http://192.168.… has only `getRandomValues`, so there the same UUID is built from its bytes.
 */
export function newClientMsgId(random: RandomSource = crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID()
  const bytes = random.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40 // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80 // variant 10xx
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
