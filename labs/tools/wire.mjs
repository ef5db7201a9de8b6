#!/usr/bin/env node
// @ts-check
/**
 * wire.mjs — HTTP, SSE and WebSocket by hand, over a raw TCP socket, printing every byte it sends
 * and receives. Node's standard library only (no npm install needed), so it runs the same on
 * Linux, macOS and Windows, and so you can read how little a WebSocket client really needs.
 *
 *   node labs/tools/wire.mjs http URL [--method M] [--header "Name: value"]… [--body TEXT] [--repeat N]
 *   node labs/tools/wire.mjs post URL name=value…      (a JSON body from name=value pairs)
 *   node labs/tools/wire.mjs sse URL [--for SECONDS] [--last-event-id ID] [--say TEXT]
 *   node labs/tools/wire.mjs ws URL [--header "Name: value"]… [--send TEXT]… [--chat TEXT]…
 *                                  [--fill BYTES]… [--ping TEXT] [--no-pong] [--say TEXT]
 *                                  [--close CODE] [--for SECONDS]
 *   node labs/tools/wire.mjs accept KEY
 *
 * --cookies FILE (http, post, sse, ws) keeps cookies as a browser does: FILE's cookies go in a
 * Cookie header, and the ones the server sets are written back to FILE.
 * Lines starting with → went from this program to the server; ← came back. \r\n marks each CR LF.
 * Its notes are in Portuguese on a Portuguese system, or with WIRELAB_LANG=pt-BR (en for English).
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { parseArgs } from 'node:util'
import { textsFor } from './language.mjs'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

const USAGE_EN = `Usage:
  node labs/tools/wire.mjs http URL [--method M] [--header "Name: value"]... [--body TEXT] [--repeat N] [--say TEXT]
  node labs/tools/wire.mjs post URL name=value...   (sends {"name":"value",...} as JSON)
  node labs/tools/wire.mjs sse URL [--for SECONDS] [--last-event-id ID] [--say TEXT [--user NAME]]
  node labs/tools/wire.mjs ws URL [--header "Name: value"]... [--send TEXT]... [--chat TEXT]...
                               [--fill BYTES]... [--ping TEXT] [--no-pong] [--say TEXT]
                               [--close CODE] [--for SECONDS]
  node labs/tools/wire.mjs accept KEY

  --header adds a line to the request head (the upgrade's, for ws): --header "Origin: http://evil.example"
  --repeat N sends the request N times on one connection, and counts the answers when they differ
  --cookies FILE sends the cookies FILE holds and keeps there the ones the server sets, as a browser
                 does (one file per browser: two files, two students)
`
const USAGE_PT = `Uso:
  node labs/tools/wire.mjs http URL [--method M] [--header "Nome: valor"]... [--body TEXTO] [--repeat N] [--say TEXTO]
  node labs/tools/wire.mjs post URL nome=valor...   (envia {"nome":"valor",...} como JSON)
  node labs/tools/wire.mjs sse URL [--for SEGUNDOS] [--last-event-id ID] [--say TEXTO [--user NOME]]
  node labs/tools/wire.mjs ws URL [--header "Nome: valor"]... [--send TEXTO]... [--chat TEXTO]...
                               [--fill BYTES]... [--ping TEXTO] [--no-pong] [--say TEXTO]
                               [--close CÓDIGO] [--for SEGUNDOS]
  node labs/tools/wire.mjs accept CHAVE

  --header acrescenta uma linha ao cabeçalho da requisição (a do upgrade, no ws): --header "Origin: http://evil.example"
  --repeat N envia a requisição N vezes numa só conexão, e conta as respostas quando elas diferem
  --cookies ARQUIVO envia os cookies guardados no ARQUIVO e guarda nele os que o servidor define,
                    como faz um navegador (um arquivo por navegador: dois arquivos, dois estudantes)
`

/** The notes this program adds to the bytes, in the student's language (WIRELAB_LANG, else the system's). */
const TEXTS = {
  en: {
    sent: (n) => `${n} bytes sent`,
    received: (n) => `${n} bytes received`,
    parts: (head, body) => `head ${head}, body ${body}`,
    total: (sent, received) =>
      `total on one connection: ${sent} bytes sent, ${received} bytes received`,
    stopped: (s) => `stopped after ${s} s`,
    meanwhile: 'meanwhile, on another connection',
    chunk: (n) => `(a chunk of ${n} bytes follows)`,
    frame: (bytes) => `${bytes} bytes`,
    payload: (n, form) => `payload length ${n}, in the ${form} form`,
    form: { '7-bit': '7-bit', '16-bit': '16-bit', '64-bit': '64-bit' },
    closeCode: 'close code',
    noPong: 'a ping, and no pong: --no-pong plays a frozen client',
    closedByServer: (s) => `the server closed the TCP connection ${s.toFixed(1)} s after it opened`,
    accept: (ok) => (ok ? 'matches' : 'DOES NOT match'),
    answers: (counts) => `answers: ${counts}`,
    kept: (file, names) => `${file} now holds the cookie ${names.join(', ')}`,
    usage: USAGE_EN,
  },
  'pt-BR': {
    sent: (n) => `${n} bytes enviados`,
    received: (n) => `${n} bytes recebidos`,
    parts: (head, body) => `cabeçalho ${head}, corpo ${body}`,
    total: (sent, received) =>
      `total em uma conexão: ${sent} bytes enviados, ${received} bytes recebidos`,
    stopped: (s) => `parado após ${s} s`,
    meanwhile: 'enquanto isso, em outra conexão',
    chunk: (n) => `(segue um chunk de ${n} bytes)`,
    frame: (bytes) => `${bytes} bytes`,
    payload: (n, form) => `tamanho do payload ${n}, na forma de ${form}`,
    form: { '7-bit': '7 bits', '16-bit': '16 bits', '64-bit': '64 bits' },
    closeCode: 'código de fechamento',
    noPong: 'um ping, e nenhum pong: --no-pong faz o papel de um cliente congelado',
    closedByServer: (s) =>
      `o servidor fechou a conexão TCP ${s.toFixed(1).replace('.', ',')} s depois de aberta`,
    accept: (ok) => (ok ? 'confere com' : 'NÃO confere com'),
    answers: (counts) => `respostas: ${counts}`,
    kept: (file, names) => `${file} agora guarda o cookie ${names.join(', ')}`,
    usage: USAGE_PT,
  },
}
const t = textsFor(TEXTS)
const OPCODES = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' }

/** base64(SHA-1(key + GUID)): what a server must answer in Sec-WebSocket-Accept (RFC 6455 §4.2.2). */
export function acceptFor(key) {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64')
}

/** A head as it is on the wire, each CR LF written out as \r\n, one line per line. */
export function showHead(text, arrow) {
  return text
    .split('\r\n')
    .map((line, i, all) => `${arrow} ${line}${i < all.length - 1 ? '\\r\\n' : ''}`)
    .filter((line) => line !== `${arrow} `)
    .join('\n')
}

/** Opens a TCP connection to the URL's host and port; resolves with the socket. */
export function open(url) {
  const port = Number(url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80))
  if (url.protocol === 'https:' || url.protocol === 'wss:') {
    throw new Error(
      'wire.mjs speaks plain TCP only: use http:// or ws:// (TLS would hide the bytes; labs/11-security/tls-peek.mjs shows what it hides)',
    )
  }
  return new Promise((resolve, reject) => {
    const socket = connect(port, url.hostname, () => resolve(socket))
    socket.once('error', reject)
  })
}

/**
 * `--cookies FILE`: a cookie jar, one `name=value` a line, kept as a browser keeps one per site.
 * Its cookies go in a `Cookie:` header; `keepCookies` writes back what a response sets.
 */
function readJar(file) {
  const jar = new Map()
  if (!file || !existsSync(file)) return jar
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const equals = line.indexOf('=')
    if (equals > 0) jar.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim())
  }
  return jar
}

/** The `Cookie:` line for the cookies FILE holds, as a list of header lines (none: empty). */
export function cookieLines(file) {
  const jar = readJar(file)
  return jar.size === 0 ? [] : [`Cookie: ${[...jar].map(([n, v]) => `${n}=${v}`).join('; ')}`]
}

/**
 * Keeps in FILE the cookies a response head sets (a `Max-Age=0` or an empty value removes one),
 * and prints which; without FILE, nothing.
 */
export function keepCookies(file, head) {
  if (!file) return
  const jar = readJar(file)
  const names = []
  for (const [, name, value, attributes] of head.matchAll(
    /\r\nset-cookie:[ \t]*([^=;\s]+)=([^;\r]*)([^\r]*)/gi,
  )) {
    if (value === '' || /;\s*max-age=0\b/i.test(attributes)) jar.delete(name)
    else jar.set(name, value)
    names.push(name)
  }
  if (names.length === 0) return
  writeFileSync(file, [...jar].map(([n, v]) => `${n}=${v}\n`).join(''))
  console.log(`  (${t.kept(file, names)})`)
}

export function requestHead(method, url, headers, body) {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...headers]
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`)
  return `${lines.join('\r\n')}\r\n\r\n`
}

/** Reads from `socket` until `done(bytes)` says a whole answer is there, or the socket ends. */
function readUntil(socket, done, timeoutMs) {
  return new Promise((resolve) => {
    let bytes = Buffer.alloc(0)
    const finish = () => {
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('close', finish)
      resolve(bytes)
    }
    const onData = (chunk) => {
      bytes = Buffer.concat([bytes, chunk])
      if (done(bytes)) finish()
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', onData)
    socket.once('close', finish)
  })
}

/** True once `bytes` hold a whole HTTP response (Content-Length or chunked with its last chunk). */
function responseComplete(bytes) {
  const end = bytes.indexOf('\r\n\r\n')
  if (end < 0) return false
  const head = bytes.subarray(0, end).toString('latin1')
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  if (length) return bytes.length >= end + 4 + Number(length[1])
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return bytes.includes('\r\n0\r\n\r\n')
  return /^HTTP\/1\.1 (1\d\d|204|304)/.test(head)
}

function printResponse(bytes) {
  const end = bytes.indexOf('\r\n\r\n')
  const head = end < 0 ? bytes.toString('latin1') : bytes.subarray(0, end + 4).toString('latin1')
  console.log(showHead(head, '←'))
  const body = end < 0 ? '' : bytes.subarray(end + 4).toString('utf8')
  if (body) console.log(`← ${body.replaceAll('\r\n', '\\r\\n')}`)
  console.log(
    `  (${t.received(bytes.length)}: ${t.parts(Buffer.byteLength(head), bytes.length - Buffer.byteLength(head))})`,
  )
}

async function http(url, options) {
  const socket = await open(url)
  const headers = [...(options.header ?? []), ...cookieLines(options.cookies)]
  if (options.body !== undefined && !headers.some((h) => /^content-type:/i.test(h))) {
    headers.push('Content-Type: application/json')
  }
  let sent = 0
  let received = 0
  const statuses = []
  const said = sayLater(url, options)
  for (let i = 0; i < Number(options.repeat ?? 1); i++) {
    const head = requestHead(options.method ?? 'GET', url, headers, options.body)
    const request = head + (options.body ?? '')
    socket.write(request)
    sent += Buffer.byteLength(request)
    console.log(showHead(head, '→'))
    if (options.body !== undefined) console.log(`→ ${options.body}`)
    console.log(`  (${t.sent(Buffer.byteLength(request))})`)
    const response = await readUntil(socket, responseComplete, 65_000)
    received += response.length
    statuses.push(/^HTTP\/1\.1 (\d{3})/.exec(response.toString('latin1'))?.[1] ?? '?')
    printResponse(response)
    keepCookies(options.cookies, response.toString('latin1'))
  }
  if (Number(options.repeat ?? 1) > 1) {
    console.log(t.total(sent, received))
    if (new Set(statuses).size > 1) console.log(t.answers(countStatuses(statuses)))
  }
  socket.end()
  // Said after the exchange it answered, whichever of the two answers came first.
  const line = await said
  if (line) console.log(line)
}

/** `["201", "201", "429"]` → `201 × 2, 429 × 1`, in the order each status first came. */
export function countStatuses(statuses) {
  const counts = new Map()
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1)
  return [...counts].map(([status, n]) => `${status} × ${n}`).join(', ')
}

async function sse(url, options) {
  const socket = await open(url)
  const headers = ['Accept: text/event-stream', ...cookieLines(options.cookies)]
  if (options['last-event-id']) headers.push(`Last-Event-ID: ${options['last-event-id']}`)
  const head = requestHead('GET', url, headers)
  socket.write(head)
  console.log(showHead(head, '→'))
  console.log(`  (${t.sent(Buffer.byteLength(head))})`)
  let received = 0
  let buffer = Buffer.alloc(0)
  let seenHead = false
  socket.on('data', (chunk) => {
    received += chunk.length
    buffer = Buffer.concat([buffer, chunk])
    if (!seenHead) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = buffer.subarray(0, end + 4).toString('latin1')
      console.log(showHead(head, '←'))
      keepCookies(options.cookies, head)
      buffer = buffer.subarray(end + 4)
      seenHead = true
    }
    buffer = printChunks(buffer)
  })
  await listen(sayNow(url, options), Number(options.for ?? 5))
  console.log(
    `  (${t.sent(Buffer.byteLength(head))}, ${t.received(received)}; ${t.stopped(options.for ?? 5)})`,
  )
  socket.destroy()
}

/**
 * `--say TEXT`: another person in the room posts a message one second from now, on a connection
 * of its own, while this one listens. Resolves, once the post is answered, with the line that
 * tells it (undefined without --say).
 */
function sayLater(url, options) {
  if (options.say === undefined) return Promise.resolve(undefined)
  return delay(1000).then(async () => {
    const room = url.searchParams.get('room') ?? 'lobby'
    const body = { room, user: options.user ?? 'ana', text: options.say }
    const answer = await fetch(new URL('/api/messages', url.href.replace(/^ws/, 'http')), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    // Behind a load balancer (lab 14), which of the instances stored it.
    const instance = answer.headers.get('x-wirelab-instance')
    const servedBy = instance ? `; x-wirelab-instance: ${instance}` : ''
    return `  (${t.meanwhile}: POST /api/messages ${JSON.stringify(body)} → ${answer.status} ${await answer.text()}${servedBy})`
  })
}

/** `sayLater`, its line printed as soon as the post is answered (a stream goes on meanwhile). */
function sayNow(url, options) {
  return sayLater(url, options).then((line) => {
    if (line) console.log(line)
  })
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Listens for `--for` seconds, and on a slow machine for as long as the `--say` post takes and
 * half a second more: the message it posted always arrives before we hang up.
 */
function listen(said, seconds) {
  return Promise.all([delay(seconds * 1000), said.then(() => delay(500))])
}

/**
 * Prints each whole chunk of a chunked body — its size line in hex, then the event text line by
 * line (\n marks each LF) — and returns the bytes of a chunk that has not fully arrived yet.
 */
function printChunks(bytes) {
  let rest = bytes
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    if (lineEnd < 0) return rest
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16)
    if (rest.length < lineEnd + 2 + size + 2) return rest
    const sizeLine = `${rest.subarray(0, lineEnd).toString('latin1')}\\r\\n`
    console.log(`← ${sizeLine.padEnd(24)}${t.chunk(size)}`)
    const text = rest.subarray(lineEnd + 2, lineEnd + 2 + size).toString('utf8')
    for (const line of text.split(/(?<=\n)/)) console.log(`← ${line.replace(/\n$/, '\\n')}`)
    console.log('← \\r\\n')
    rest = rest.subarray(lineEnd + 2 + size + 2)
    if (size === 0) return rest
  }
}

/** One WebSocket frame, masked as a client must (RFC 6455 §5.3). */
export function encodeClientFrame(opcode, payload) {
  const key = randomBytes(4)
  const length = payload.length
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8
  const head = Buffer.alloc(2 + extended + 4)
  head[0] = 0x80 | opcode
  head[1] = 0x80 | (extended === 0 ? length : extended === 2 ? 126 : 127)
  if (extended === 2) head.writeUInt16BE(length, 2)
  if (extended === 8) head.writeBigUInt64BE(BigInt(length), 2)
  key.copy(head, 2 + extended)
  const masked = Buffer.from(payload)
  for (let i = 0; i < masked.length; i++) masked[i] ^= key[i % 4]
  return Buffer.concat([head, masked])
}

/** Splits whole frames off the front of `bytes`; returns them and what is left. */
export function decodeFrames(bytes) {
  const frames = []
  let offset = 0
  while (bytes.length - offset >= 2) {
    const first = bytes[offset]
    const second = bytes[offset + 1]
    let length = second & 0x7f
    let cursor = offset + 2
    if (length === 126) {
      if (bytes.length - cursor < 2) break
      length = bytes.readUInt16BE(cursor)
      cursor += 2
    } else if (length === 127) {
      if (bytes.length - cursor < 8) break
      length = Number(bytes.readBigUInt64BE(cursor))
      cursor += 8
    }
    const masked = (second & 0x80) !== 0
    const key = masked ? bytes.subarray(cursor, cursor + 4) : null
    if (masked) cursor += 4
    if (bytes.length - cursor < length) break
    const payload = Buffer.from(bytes.subarray(cursor, cursor + length))
    if (key) for (let i = 0; i < payload.length; i++) payload[i] ^= key[i % 4]
    frames.push({
      fin: (first & 0x80) !== 0,
      opcode: first & 0x0f,
      masked,
      length,
      headerLength: cursor - offset,
      raw: bytes.subarray(offset, cursor + length),
      payload,
    })
    offset = cursor + length
  }
  return { frames, rest: bytes.subarray(offset) }
}

export function printFrame(frame, arrow) {
  const hex = [...frame.raw.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  const form = frame.length < 126 ? '7-bit' : frame.length < 65536 ? '16-bit' : '64-bit'
  const name = OPCODES[frame.opcode] ?? 'reserved'
  console.log(
    `${arrow} frame ${hex}${frame.raw.length > 16 ? ' …' : ''}  (${t.frame(frame.raw.length)}: FIN=${frame.fin ? 1 : 0} opcode=${frame.opcode} ${name}, MASK=${frame.masked ? 1 : 0}, ${t.payload(frame.length, t.form[form])})`,
  )
  if (frame.opcode === 1) {
    const text = frame.payload.toString('utf8')
    console.log(
      `${arrow}   ${text.length > 1000 ? `${text.slice(0, 80)}… (${frame.length} bytes)` : text}`,
    )
  }
  if (frame.opcode === 8 && frame.payload.length >= 2) {
    console.log(
      `${arrow}   ${t.closeCode} ${frame.payload.readUInt16BE(0)} ${frame.payload.subarray(2).toString('utf8')}`,
    )
  }
  if ((frame.opcode === 9 || frame.opcode === 10) && frame.payload.length > 0) {
    console.log(`${arrow}   ${frame.payload.toString('utf8')}`)
  }
}

async function ws(url, options) {
  const socket = await open(url)
  const key = randomBytes(16).toString('base64')
  const head = requestHead('GET', url, [
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    // What a browser adds (Origin, Cookie, …), to see what the server does with it.
    ...(options.header ?? []),
    ...cookieLines(options.cookies),
  ])
  socket.write(head)
  console.log(showHead(head, '→'))
  let sent = Buffer.byteLength(head)
  console.log(`  (${t.sent(sent)})`)
  let received = 0
  let buffer = Buffer.alloc(0)
  let upgraded = false
  const send = (opcode, text) => {
    const frame = encodeClientFrame(opcode, Buffer.from(text, 'utf8'))
    socket.write(frame)
    sent += frame.length
    printFrame(decodeFrames(frame).frames[0], '→')
  }
  const opened = Date.now()
  let closedByUs = false
  const finished = new Promise((resolve) => socket.once('close', resolve))
  socket.once('close', () => {
    if (!closedByUs) console.log(`  (${t.closedByServer((Date.now() - opened) / 1000)})`)
  })
  socket.on('data', (chunk) => {
    received += chunk.length
    buffer = Buffer.concat([buffer, chunk])
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      const response = buffer.subarray(0, end + 4).toString('latin1')
      console.log(showHead(response, '←'))
      keepCookies(options.cookies, response)
      buffer = buffer.subarray(end + 4)
      upgraded = response.startsWith('HTTP/1.1 101')
      if (!upgraded) {
        if (buffer.length > 0) console.log(`← ${buffer.toString('utf8')}`)
        socket.end()
        return
      }
      const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(response)?.[1]
      console.log(
        `  Sec-WebSocket-Accept ${t.accept(accept === acceptFor(key))} base64(SHA-1(key + GUID)) = ${acceptFor(key)}`,
      )
    }
    const { frames, rest } = decodeFrames(buffer)
    buffer = rest
    for (const frame of frames) {
      printFrame(frame, '←')
      // A client must answer a ping with a pong carrying the same payload (RFC 6455 §5.5.2).
      if (frame.opcode === 9 && options['no-pong']) console.log(`  (${t.noPong})`)
      else if (frame.opcode === 9) send(10, frame.payload.toString('utf8'))
      if (frame.opcode === 8) socket.end()
    }
  })
  // A fallback that must not keep the program alive once the server has closed the connection.
  const grace = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref())
  await delay(300)
  if (upgraded) {
    const said = sayNow(url, options)
    for (const text of options.send ?? []) {
      send(1, text)
      await delay(200)
    }
    for (const text of options.chat ?? []) {
      send(1, JSON.stringify({ type: 'send', user: options.user ?? 'ana', text }))
      await delay(200)
    }
    for (const size of options.fill ?? []) {
      send(1, 'x'.repeat(Number(size)))
      await delay(300)
    }
    if (options.ping !== undefined) send(9, options.ping)
    await listen(said, Number(options.for ?? 2))
    if (!socket.destroyed) {
      closedByUs = true
      const code = Number(options.close ?? 1000)
      const payload = Buffer.alloc(2)
      payload.writeUInt16BE(code)
      const frame = encodeClientFrame(8, payload)
      socket.write(frame)
      sent += frame.length
      printFrame(decodeFrames(frame).frames[0], '→')
      await Promise.race([finished, grace(2000)])
    }
  } else {
    await Promise.race([finished, grace(2000)])
  }
  console.log(`  (${t.sent(sent)}, ${t.received(received)})`)
  socket.destroy()
}

/**
 * `name=value` pairs as one JSON object: values that read as numbers or booleans become those,
 * the rest strings. No quotes to escape, so the same command works in bash, PowerShell and cmd.
 */
export function fields(pairs) {
  const body = {}
  for (const pair of pairs) {
    const equals = pair.indexOf('=')
    if (equals < 1) throw new Error(`"${pair}" must be name=value`)
    const value = pair.slice(equals + 1)
    body[pair.slice(0, equals)] = /^-?\d+(\.\d+)?$|^(true|false)$/.test(value)
      ? JSON.parse(value)
      : value
  }
  return body
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      method: { type: 'string' },
      header: { type: 'string', multiple: true },
      body: { type: 'string' },
      repeat: { type: 'string' },
      for: { type: 'string' },
      'last-event-id': { type: 'string' },
      send: { type: 'string', multiple: true },
      ping: { type: 'string' },
      close: { type: 'string' },
      say: { type: 'string' },
      user: { type: 'string' },
      chat: { type: 'string', multiple: true },
      fill: { type: 'string', multiple: true },
      'no-pong': { type: 'boolean' },
      cookies: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, target] = positionals
  if (values.help || !command) return void process.stdout.write(t.usage)
  if (command === 'accept') {
    if (!target)
      throw new Error('accept needs the Sec-WebSocket-Key, e.g. dGhlIHNhbXBsZSBub25jZQ==')
    console.log(acceptFor(target))
    return
  }
  if (!target) throw new Error(`${command} needs a URL, e.g. http://localhost:3000/api/poll`)
  const url = new URL(target)
  if (command === 'http') return http(url, values)
  if (command === 'post') {
    return http(url, {
      ...values,
      method: 'POST',
      body: JSON.stringify(fields(positionals.slice(2))),
    })
  }
  if (command === 'sse') return sse(url, values)
  if (command === 'ws') return ws(url, values)
  throw new Error(`unknown command "${command}"\n${t.usage}`)
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('wire.mjs')) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`wire.mjs: ${error.message}`)
    process.exit(2)
  })
}
