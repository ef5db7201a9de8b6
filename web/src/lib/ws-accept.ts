import { sha1 } from './sha1.ts'

/** The GUID of RFC 6455 §1.3: every server appends it to the client's key. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

/**
 * The `Sec-WebSocket-Accept` a server must answer to `key`: base64(SHA-1(key + GUID)). Computed
 * with the browser's own `crypto.subtle` where the page may use it, else with `sha1()`.
 */
export async function websocketAccept(key: string): Promise<string> {
  const input = new TextEncoder().encode(key + WEBSOCKET_GUID)
  const subtle = globalThis.crypto?.subtle
  const digest = subtle ? new Uint8Array(await subtle.digest('SHA-1', input)) : sha1(input)
  return btoa(String.fromCharCode(...digest))
}
