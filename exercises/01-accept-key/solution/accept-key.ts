import { createHash } from 'node:crypto'

/** Fixed by RFC 6455 §1.3: every server in the world appends this same string to the key. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

/** 22 base64 characters carry 16 bytes (128 bits, plus 4 padding bits); `==` completes the 24. */
const CLIENT_KEY = /^[A-Za-z0-9+/]{22}==$/

/** The `Sec-WebSocket-Accept` value a server must answer to `Sec-WebSocket-Key`. */
export function acceptKey(secWebSocketKey: string): string {
  // The key is hashed as the text the client sent: it is never base64-decoded.
  return createHash('sha1')
    .update(secWebSocketKey + WEBSOCKET_GUID)
    .digest('base64')
}

/** Whether `key` is what RFC 6455 §4.1 asks of a client: 16 random bytes, base64-encoded. */
export function isValidClientKey(key: string): boolean {
  return CLIENT_KEY.test(key)
}
