/**
 * SHA-1 (FIPS 180-4) in plain JavaScript. Browsers only expose `crypto.subtle` on secure pages
 * (https or localhost); a class that joins the instructor's server over the LAN at
 * http://192.168.… has none, and the handshake check must still work there.
 */
export function sha1(message: Uint8Array): Uint8Array {
  const bitLength = message.length * 8
  // The message, a 1 bit, zeros, then its length in bits as a 64-bit big-endian integer.
  const padded = new Uint8Array((((message.length + 8) >> 6) + 1) * 64)
  padded.set(message)
  padded[message.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0])
  const w = new Uint32Array(80)
  const at = (words: Uint32Array, i: number) => words[i] as number
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n))
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4)
    for (let t = 16; t < 80; t++) {
      w[t] = rotl(at(w, t - 3) ^ at(w, t - 8) ^ at(w, t - 14) ^ at(w, t - 16), 1)
    }
    let [a, b, c, d, e] = [at(state, 0), at(state, 1), at(state, 2), at(state, 3), at(state, 4)]
    for (let t = 0; t < 80; t++) {
      const [f, k] =
        t < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : t < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : t < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6]
      const temp = (rotl(a, 5) + f + e + k + at(w, t)) >>> 0
      ;[e, d, c, b, a] = [d, c, rotl(b, 30) >>> 0, a, temp]
    }
    // Uint32Array stores each sum modulo 2^32, as the standard asks.
    const round = [a, b, c, d, e]
    for (let i = 0; i < 5; i++) state[i] = at(state, i) + (round[i] as number)
  }
  const digest = new Uint8Array(20)
  const out = new DataView(digest.buffer)
  for (let i = 0; i < 5; i++) out.setUint32(i * 4, at(state, i))
  return digest
}
