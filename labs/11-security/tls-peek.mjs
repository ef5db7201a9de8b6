#!/usr/bin/env node
// @ts-check
/**
 * tls-peek.mjs — one HTTPS request or one wss:// conversation, shown twice: the TLS records that
 * cross the TCP connection (what a capture of the network sees) and, inside them, the HTTP and
 * WebSocket bytes that only the two ends see. Node's standard library only.
 *
 *   node labs/11-security/tls-peek.mjs https://HOST:PORT/PATH
 *   node labs/11-security/tls-peek.mjs wss://HOST:PORT/ws?… [--chat TEXT] [--user NAME]
 *
 * Like `curl -k`, it goes on when the certificate is not trusted (wirelab's --tls makes a
 * self-signed one), after saying so. Its notes are in Portuguese on a Portuguese system, or with
 * WIRELAB_LANG=pt-BR (en for English).
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { Duplex } from 'node:stream'
import { connect as connectTls } from 'node:tls'
import { parseArgs } from 'node:util'
import { textsFor } from '../tools/language.mjs'
import {
  decodeFrames,
  encodeClientFrame,
  printFrame,
  requestHead,
  showHead,
} from '../tools/wire.mjs'

/** TLS record content types (RFC 8446 §5.1); TLS 1.3 sends everything after the hello as 23. */
const CONTENT_TYPES = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
}

const TEXTS = {
  en: {
    connected: (host) => `  (TCP connection to ${host} open: the TLS handshake first)`,
    record: (bytes, type, clear) =>
      `${bytes} bytes: TLS record, ${type}${clear ? ', readable' : ', encrypted'}`,
    session: (protocol, cipher) => `  ${protocol}, cipher ${cipher}`,
    subject: (subject, issuer) => `  certificate: ${subject}, issued by ${issuer}`,
    names: (names) => `  valid for (subjectAltName): ${names}`,
    validity: (from, to) => `  valid from ${from} to ${to}`,
    fingerprint: (hex) => `  SHA-256 fingerprint: ${hex}`,
    trusted: '  trusted by this computer: yes',
    untrusted: (why) => `  trusted by this computer: no (${why}): going on anyway, as curl -k does`,
    inside: (n) => `  (${n} bytes inside TLS)`,
    onTcp: (sent, received, records) =>
      `  on the TCP connection: ${sent} bytes sent, ${received} bytes received, in ${records} TLS records`,
    inTls: (sent, received) => `  inside TLS: ${sent} bytes sent, ${received} bytes received`,
  },
  'pt-BR': {
    connected: (host) => `  (conexão TCP com ${host} aberta: primeiro o handshake do TLS)`,
    record: (bytes, type, clear) =>
      `${bytes} bytes: registro TLS, ${type}${clear ? ', legível' : ', cifrado'}`,
    session: (protocol, cipher) => `  ${protocol}, cifra ${cipher}`,
    subject: (subject, issuer) => `  certificado: ${subject}, emitido por ${issuer}`,
    names: (names) => `  válido para (subjectAltName): ${names}`,
    validity: (from, to) => `  válido de ${from} a ${to}`,
    fingerprint: (hex) => `  impressão digital SHA-256: ${hex}`,
    trusted: '  confiável para este computador: sim',
    untrusted: (why) =>
      `  confiável para este computador: não (${why}): seguindo assim mesmo, como faz o curl -k`,
    inside: (n) => `  (${n} bytes dentro do TLS)`,
    onTcp: (sent, received, records) =>
      `  na conexão TCP: ${sent} bytes enviados, ${received} bytes recebidos, em ${records} registros TLS`,
    inTls: (sent, received) =>
      `  dentro do TLS: ${sent} bytes enviados, ${received} bytes recebidos`,
  },
}
const t = textsFor(TEXTS)

/** A time limit for a race, which must not keep the program alive once the race is won. */
const limit = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/**
 * Splits whole TLS records off the front of `bytes` (RFC 8446 §5.1: type, version, 2-byte length,
 * then the fragment); returns them and what is left.
 */
export function splitRecords(bytes) {
  const records = []
  let offset = 0
  while (bytes.length - offset >= 5) {
    const length = bytes.readUInt16BE(offset + 3)
    if (bytes.length - offset < 5 + length) break
    const type = bytes[offset] ?? 0
    records.push({
      type,
      name: CONTENT_TYPES[type] ?? `type ${type}`,
      raw: bytes.subarray(offset, offset + 5 + length),
    })
    offset += 5 + length
  }
  return { records, rest: bytes.subarray(offset) }
}

/** One line per record: its first bytes in hex, its size and type; only 20–22 before keys exist. */
export function describeRecord(record, arrow) {
  const hex = [...record.raw.subarray(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  // Handshake and change_cipher_spec records travel in the clear; TLS 1.3 encrypts all the rest
  // inside application_data records, so even the kind of message is hidden.
  const readable = record.type === 20 || record.type === 22
  return `${arrow} tls ${hex}${record.raw.length > 12 ? ' …' : ''}  (${t.record(record.raw.length, record.name, readable)})`
}

/**
 * A TCP connection whose bytes are printed as TLS records as they cross it, wrapped in TLS.
 * Resolves with the TLS socket once the handshake is done, and the counts of both layers.
 */
async function openTapped(url) {
  const port = Number(url.port || 443)
  const raw = connect(port, url.hostname)
  await new Promise((resolve, reject) => {
    raw.once('connect', resolve)
    raw.once('error', reject)
  })
  console.log(t.connected(url.host))
  const wire = { sent: 0, received: 0, records: 0 }
  const lister = (arrow) => {
    let pending = Buffer.alloc(0)
    return (chunk) => {
      const { records, rest } = splitRecords(Buffer.concat([pending, chunk]))
      pending = Buffer.from(rest)
      for (const record of records) console.log(describeRecord(record, arrow))
      wire.records += records.length
    }
  }
  const listOut = lister('→')
  const listIn = lister('←')
  const tap = new Duplex({
    read() {},
    write(chunk, _encoding, callback) {
      wire.sent += chunk.length
      listOut(chunk)
      raw.write(chunk, callback)
    },
    final(callback) {
      raw.end(callback)
    },
    destroy(error, callback) {
      raw.destroy()
      callback(error)
    },
  })
  raw.on('data', (chunk) => {
    wire.received += chunk.length
    listIn(chunk)
    tap.push(chunk)
  })
  raw.on('end', () => tap.push(null))
  raw.on('error', (error) => tap.destroy(error))
  const secure = connectTls({
    socket: tap,
    // No SNI for an address: RFC 6066 allows only host names there.
    ...(/^[\d.]+$|^\[/.test(url.hostname) ? {} : { servername: url.hostname }),
    rejectUnauthorized: false,
  })
  await new Promise((resolve, reject) => {
    secure.once('secureConnect', resolve)
    secure.once('error', reject)
  })
  describeSession(secure)
  return { secure, wire }
}

function describeSession(secure) {
  const certificate = secure.getPeerCertificate()
  const name = (fields) =>
    Object.entries(fields ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(', ')
  console.log(t.session(secure.getProtocol(), secure.getCipher().name))
  console.log(t.subject(name(certificate.subject), name(certificate.issuer)))
  console.log(t.names(certificate.subjectaltname ?? '—'))
  console.log(t.validity(certificate.valid_from, certificate.valid_to))
  console.log(t.fingerprint(certificate.fingerprint256))
  const why = secure.authorizationError
  console.log(secure.authorized ? t.trusted : t.untrusted(String(why)))
}

async function https(url) {
  const { secure, wire } = await openTapped(url)
  const head = requestHead('GET', url, ['Connection: close'])
  console.log(showHead(head, '→'))
  console.log(t.inside(Buffer.byteLength(head)))
  let plain = Buffer.alloc(0)
  secure.on('data', (chunk) => {
    plain = Buffer.concat([plain, chunk])
  })
  // The server answers `Connection: close` by ending the stream after the body.
  const ended = new Promise((resolve) => {
    secure.once('end', resolve)
    secure.once('close', resolve)
  })
  secure.write(head)
  await Promise.race([ended, limit(10_000)])
  const end = plain.indexOf('\r\n\r\n')
  console.log(showHead(plain.subarray(0, end + 4).toString('latin1'), '←'))
  console.log(`← ${plain.subarray(end + 4).toString('utf8')}`)
  console.log(t.inside(plain.length))
  console.log(t.onTcp(wire.sent, wire.received, wire.records))
  console.log(t.inTls(Buffer.byteLength(head), plain.length))
  secure.destroy()
}

async function wss(url, options) {
  const { secure, wire } = await openTapped(url)
  const inside = { sent: 0, received: 0 }
  const head = requestHead('GET', url, [
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
  ])
  const write = (bytes, show) => {
    show()
    inside.sent += bytes.length
    secure.write(bytes)
  }
  write(Buffer.from(head, 'latin1'), () => console.log(showHead(head, '→')))
  let buffer = Buffer.alloc(0)
  let upgraded = false
  let closeCode
  /** @type {(frame: any) => void} */
  let onFrame = () => {}
  const ended = new Promise((resolve) => secure.once('close', resolve))
  secure.on('data', (chunk) => {
    inside.received += chunk.length
    buffer = Buffer.concat([buffer, chunk])
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      console.log(showHead(buffer.subarray(0, end + 4).toString('latin1'), '←'))
      buffer = buffer.subarray(end + 4)
      upgraded = true
    }
    const { frames, rest } = decodeFrames(buffer)
    buffer = Buffer.from(rest)
    for (const frame of frames) {
      printFrame(frame, '←')
      if (frame.opcode === 8) closeCode = frame.payload.readUInt16BE(0)
      onFrame(frame)
    }
  })
  const send = (opcode, payload) => {
    const frame = encodeClientFrame(opcode, payload)
    write(frame, () => printFrame(decodeFrames(frame).frames[0], '→'))
  }
  // The server's answer to the chat message (its `message`), or its close: then it is our turn.
  const answered = (test) =>
    Promise.race([
      ended,
      limit(5_000),
      new Promise((resolve) => {
        onFrame = (frame) => {
          if (frame.opcode === 8 || test(frame)) resolve(undefined)
        }
      }),
    ])
  await answered((frame) => frame.payload.includes('"type":"hello"'))
  if (options.chat !== undefined && closeCode === undefined) {
    const text = JSON.stringify({ type: 'send', user: options.user ?? 'ana', text: options.chat })
    const heard = answered((frame) => frame.payload.includes('"type":"message"'))
    send(1, Buffer.from(text, 'utf8'))
    await heard
  }
  if (closeCode === undefined) {
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(1000)
    const heard = answered(() => false)
    send(8, payload)
    await heard
  } else {
    // The server closed: answer its close frame with the same code, as a client must.
    send(8, Buffer.from([closeCode >> 8, closeCode & 0xff]))
  }
  secure.end()
  await Promise.race([ended, limit(2_000)])
  console.log(t.onTcp(wire.sent, wire.received, wire.records))
  console.log(t.inTls(inside.sent, inside.received))
  secure.destroy()
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { chat: { type: 'string' }, user: { type: 'string' } },
  })
  const target = positionals[0]
  if (!target) throw new Error('tls-peek.mjs needs a URL, e.g. https://localhost:3443/api/time')
  const url = new URL(target)
  if (url.protocol === 'https:') return https(url)
  if (url.protocol === 'wss:') return wss(url, values)
  throw new Error(`tls-peek.mjs speaks https:// and wss:// only (got ${url.protocol})`)
}

if (process.argv[1]?.endsWith('tls-peek.mjs')) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`tls-peek.mjs: ${error.message}`)
    process.exit(2)
  })
}
