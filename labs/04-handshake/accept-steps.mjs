#!/usr/bin/env node
// @ts-check
/**
 * accept-steps.mjs — Sec-WebSocket-Accept worked out one step at a time (RFC 6455 §4.2.2), with
 * Node's standard library only: the key, the key followed by the GUID, the SHA-1 of that text, and
 * its base64, three bytes at a time.
 *
 *   node labs/04-handshake/accept-steps.mjs [KEY]      (KEY: RFC 6455's own example by default)
 *
 * Its notes are in Portuguese on a Portuguese system, or with WIRELAB_LANG=pt-BR (en for English).
 */
import { createHash } from 'node:crypto'
import { textsFor } from '../tools/language.mjs'

/** Fixed by RFC 6455 §1.3: the same for every server and every connection. */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
/** The key of RFC 6455 §1.3: base64 of the 16 bytes of the text "the sample nonce". */
const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ=='
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

const TEXTS = {
  en: {
    key: (n) => `Sec-WebSocket-Key, as the client sent it (${n} characters):`,
    decoded: (hex) => `  (base64 of 16 bytes: ${hex}; the server never decodes it)`,
    invalid: '  (not base64 of exactly 16 bytes: a server answers 400 instead of 101)',
    step1: (n) => `1. key + GUID, as text (${n} characters):`,
    step2: (n) => `2. SHA-1 of those ${n} bytes: 20 bytes, in hex`,
    step3: '3. base64 of the 20 bytes: every 3 bytes (24 bits) become 4 characters of 6 bits',
    bits: (groups, values, chars) => `     bits ${groups} = ${values} = ${chars}`,
    padding: '     (20 = 6 × 3 + 2: the last group has 2 bytes, so it ends in one =)',
    node: 'In one line of Node: createHash("sha1").update(key + GUID).digest("base64")',
  },
  'pt-BR': {
    key: (n) => `Sec-WebSocket-Key, como o cliente enviou (${n} caracteres):`,
    decoded: (hex) => `  (base64 de 16 bytes: ${hex}; o servidor nunca a decodifica)`,
    invalid: '  (não é base64 de exatamente 16 bytes: um servidor responde 400 em vez de 101)',
    step1: (n) => `1. chave + GUID, como texto (${n} caracteres):`,
    step2: (n) => `2. SHA-1 desses ${n} bytes: 20 bytes, em hexadecimal`,
    step3: '3. base64 dos 20 bytes: cada 3 bytes (24 bits) viram 4 caracteres de 6 bits',
    bits: (groups, values, chars) => `     bits ${groups} = ${values} = ${chars}`,
    padding: '     (20 = 6 × 3 + 2: o último grupo tem 2 bytes, por isso termina com um =)',
    node: 'Em uma linha de Node: createHash("sha1").update(chave + GUID).digest("base64")',
  },
}
const t = textsFor(TEXTS)

const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')

/** Base64 by hand, one group of 3 bytes at a time: [the group in hex, its 4 characters]. */
function base64Groups(bytes) {
  const groups = []
  for (let i = 0; i < bytes.length; i += 3) {
    const group = bytes.subarray(i, i + 3)
    const padded = [group[0] ?? 0, group[1] ?? 0, group[2] ?? 0]
    const n = (padded[0] << 16) | (padded[1] << 8) | padded[2]
    const values = [18, 12, 6, 0].map((shift) => (n >> shift) & 63)
    // 1 byte gives 2 characters and "==", 2 bytes give 3 characters and "=".
    const chars = values.map((v, j) => (j <= group.length ? BASE64[v] : '='))
    groups.push({ group, values, chars: chars.join('') })
  }
  return groups
}

const key = process.argv[2] ?? RFC_KEY
console.log(t.key(key.length))
console.log(`   ${key}`)
// RFC 6455 §4.1: the key is base64 of 16 bytes, 24 characters ending in "==".
if (/^[A-Za-z0-9+/]{22}==$/.test(key)) console.log(t.decoded(hex(Buffer.from(key, 'base64'))))
else console.log(t.invalid)

const text = key + GUID
console.log(t.step1(text.length))
console.log(`   ${text}`)

const digest = createHash('sha1').update(text).digest()
console.log(t.step2(Buffer.byteLength(text)))
console.log(`   ${hex(digest)}`)

console.log(t.step3)
const groups = base64Groups(digest)
for (const [i, { group, values, chars }] of groups.entries()) {
  console.log(`   ${hex(group).padEnd(8)} → ${chars}`)
  if (i === 0) {
    const bits = values.map((v) => v.toString(2).padStart(6, '0')).join(' ')
    console.log(t.bits(bits, values.join(' '), chars.split('').join(' ')))
  }
}
console.log(t.padding)

const accept = groups.map((g) => g.chars).join('')
console.log(`Sec-WebSocket-Accept: ${accept}`)
console.log(t.node)
console.log(`   = ${createHash('sha1').update(text).digest('base64')}`)
