// Exercise 01-accept-key: the server's half of the WebSocket opening handshake.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 01-accept-key`.

/**
 * The `Sec-WebSocket-Accept` value a server must answer to `Sec-WebSocket-Key`.
 *
 *   acceptKey('dGhlIHNhbXBsZSBub25jZQ==')  // → 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 *
 * Recipe (RFC 6455 §1.3): append the GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 to the key,
 * take the SHA-1 of that text, base64-encode the 20-byte digest.
 *
 * Traps:
 *  - hash the key as the text it is; do NOT base64-decode it first;
 *  - the GUID is upper case, with its dashes, and goes after the key;
 *  - encode the digest bytes in base64, not in hex (the answer has 28 characters);
 *  - SHA-1, not SHA-256: the handshake proves the server speaks WebSocket, it is not security;
 *  - no check of the key here: any text gets its hash (isValidClientKey does the checking).
 */
export function acceptKey(secWebSocketKey: string): string {
  // TODO(01-accept-key): your code here
  throw new Error(
    `TODO(01-accept-key): compute base64(SHA-1(key + GUID)) for ${JSON.stringify(secWebSocketKey)}`,
  )
}

/**
 * Whether `key` is a valid client key: the base64 encoding of exactly 16 bytes.
 *
 *   isValidClientKey('dGhlIHNhbXBsZSBub25jZQ==')  // → true
 *   isValidClientKey('dGhlIHNhbXBsZSBub25jZQ')    // → false (padding missing)
 *   isValidClientKey('AAAAAAAAAAAAAAAAAAAAAAA=')  // → false (17 bytes, yet 24 characters)
 *
 * Traps:
 *  - length 24 alone is not enough: 17 and 18 bytes also encode to 24 characters;
 *  - Buffer.from(key, 'base64') is lenient: it skips characters outside the alphabet, accepts
 *    base64url (- and _) and missing padding, so "decodes to 16 bytes" is not the same test;
 *  - the alphabet is A–Z a–z 0–9 + / and the key ends with ==;
 *  - the 24 characters are the whole string: nothing before or after them (anchor ^ and $);
 *  - the 4 padding bits of the 22nd character are not checked (ws does not check them either).
 */
export function isValidClientKey(key: string): boolean {
  // TODO(01-accept-key): your code here
  throw new Error(
    `TODO(01-accept-key): check that ${JSON.stringify(key)} is base64 of exactly 16 bytes`,
  )
}
