#!/usr/bin/env node
// @ts-check
/**
 * slow-client.mjs — a WebSocket client that stops reading, as a frozen tab or a phone in a tunnel
 * does, then comes back from its cursor as the lab page's client does. Node's standard library
 * only, on the raw socket of labs/tools/wire.mjs.
 *
 *   node labs/11-security/slow-client.mjs URL [--ticker RATE] [--stall SECONDS] [--for SECONDS]
 *
 * Once it has read the room's backlog, it starts the room's ticker at RATE messages a second of
 * 2000 bytes (on another connection, as another person would), stops reading for SECONDS (6),
 * then reads again and counts the frames that had waited. If the server closed the connection
 * meanwhile, it stops the ticker, connects again with `?since=` the last seq it read, and checks
 * that every message arrived once. Its notes are in Portuguese on a Portuguese system, or with
 * WIRELAB_LANG=pt-BR (en for English).
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { textsFor } from '../tools/language.mjs'
import {
  decodeFrames,
  encodeClientFrame,
  open,
  printFrame,
  requestHead,
  showHead,
} from '../tools/wire.mjs'

const TICK_BYTES = 2000

const TEXTS = {
  en: {
    meanwhile: (line) => `  (meanwhile, on another connection: ${line})`,
    stalling: (s) =>
      `  (not reading for ${s} s: what the server sends waits in the TCP buffers of both ends, then in the server's own memory)`,
    reading: (s) => `  (reading again after ${s} s)`,
    messages: (n, from, to, bytes) =>
      `← ${n} message frames, seq ${from} to ${to} (${bytes} bytes)`,
    totals: (sent, received) => `  (${sent} bytes sent, ${received} bytes received)`,
    resuming: '  (connecting again from the last message read, as the page’s client does)',
    kept: (s) =>
      `  (the server kept this connection open ${s} s after the stall: it took all it was sent; stall longer, or give the server a smaller --send-buffer)`,
    check: (from, to, connections) =>
      `  (seq ${from} to ${to}, over ${connections} connections: each message once, none missing)`,
    wrong: (missing, twice) => `  (${missing} messages missing, ${twice} received twice)`,
    refused: 'the server did not switch to WebSocket',
  },
  'pt-BR': {
    meanwhile: (line) => `  (enquanto isso, em outra conexão: ${line})`,
    stalling: (s) =>
      `  (sem ler por ${s} s: o que o servidor envia espera nos buffers TCP das duas pontas, depois na memória do próprio servidor)`,
    reading: (s) => `  (lendo de novo depois de ${s} s)`,
    messages: (n, from, to, bytes) =>
      `← ${n} frames de mensagem, seq ${from} a ${to} (${bytes} bytes)`,
    totals: (sent, received) => `  (${sent} bytes enviados, ${received} bytes recebidos)`,
    resuming:
      '  (conectando de novo a partir da última mensagem lida, como faz o cliente da página)',
    kept: (s) =>
      `  (o servidor manteve esta conexão aberta ${s} s depois da pausa: levou tudo o que enviou; pause por mais tempo, ou dê ao servidor um --send-buffer menor)`,
    check: (from, to, connections) =>
      `  (seq ${from} a ${to}, em ${connections} conexões: cada mensagem uma vez, nenhuma faltando)`,
    wrong: (missing, twice) => `  (${missing} mensagens faltando, ${twice} recebidas duas vezes)`,
    refused: 'o servidor não passou para WebSocket',
  },
}
const t = textsFor(TEXTS)

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * What a run of seqs says about delivery: the range, and how many seqs in it never came or came
 * more than once (the cursor's promise is none of either).
 */
export function deliveryCheck(seqs) {
  if (seqs.length === 0) return { from: 0, to: 0, missing: 0, twice: 0 }
  const seen = new Set(seqs)
  let from = Number.POSITIVE_INFINITY
  let to = 0
  for (const seq of seen) {
    from = Math.min(from, seq)
    to = Math.max(to, seq)
  }
  return { from, to, missing: to - from + 1 - seen.size, twice: seqs.length - seen.size }
}

/** One WebSocket connection on a raw socket, whose frames are read one at a time. */
class Connection {
  sent = 0
  received = 0
  /** The server's `hello` frame, once read: its epoch and head. */
  hello = undefined
  /** True once this client has sent its own close frame. */
  closing = false
  /** @type {any[]} */
  #frames = []
  #wake = () => {}
  #ended = false

  /** @param {import('node:net').Socket} socket */
  constructor(socket) {
    this.socket = socket
    let buffer = Buffer.alloc(0)
    let upgraded = false
    socket.on('data', (chunk) => {
      this.received += chunk.length
      buffer = Buffer.concat([buffer, chunk])
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffer.subarray(0, end + 4).toString('latin1')
        console.log(showHead(head, '←'))
        buffer = buffer.subarray(end + 4)
        upgraded = true
        if (!head.startsWith('HTTP/1.1 101')) {
          if (buffer.length > 0) console.log(`← ${buffer.toString('utf8')}`)
          socket.destroy(new Error(t.refused))
          return
        }
      }
      const { frames, rest } = decodeFrames(buffer)
      // A copy: a frame's bytes must not pin the whole chunk they came in.
      buffer = Buffer.from(rest)
      this.#frames.push(...frames)
      this.#wake()
    })
    socket.on('error', () => {})
    socket.once('close', () => {
      this.#ended = true
      this.#wake()
    })
  }

  static async open(url) {
    const socket = await open(url)
    const head = requestHead('GET', url, [
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
    ])
    socket.write(head)
    console.log(showHead(head, '→'))
    const connection = new Connection(socket)
    connection.sent += Buffer.byteLength(head)
    return connection
  }

  /** The next frame, or null once the connection has ended or `untilMs` (a time) has passed. */
  async next(untilMs = Number.POSITIVE_INFINITY) {
    while (this.#frames.length === 0 && !this.#ended) {
      const left = untilMs - Date.now()
      if (left <= 0) return null
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 2 ** 31 - 1))
        this.#wake = () => {
          clearTimeout(timer)
          resolve(undefined)
        }
      })
    }
    return this.#frames.shift() ?? null
  }

  send(opcode, payload) {
    if (this.socket.destroyed) return
    const frame = encodeClientFrame(opcode, payload)
    this.socket.write(frame)
    this.sent += frame.length
    printFrame(decodeFrames(frame).frames[0], '→')
  }

  /** Resolves once the TCP connection is closed (after `ms` at most). */
  async closed(ms) {
    while (!this.#ended && ms > 0) {
      await delay(20)
      ms -= 20
    }
    this.socket.destroy()
  }
}

/**
 * Reads frames until `done()` or a close frame or the end of the connection or `untilMs`: message
 * frames are counted on one line each run, any other frame printed whole (and answered, as a
 * client must). Returns the close code the server sent, if it sent one.
 */
async function readFrames(connection, seqs, { untilMs, done = () => false }) {
  let run = { n: 0, from: 0, to: 0, bytes: 0 }
  const flush = () => {
    if (run.n > 0) console.log(t.messages(run.n, run.from, run.to, run.bytes))
    run = { n: 0, from: 0, to: 0, bytes: 0 }
  }
  for (;;) {
    if (done()) break
    const frame = await connection.next(untilMs)
    if (frame === null) break
    const parsed = frame.opcode === 1 ? JSON.parse(frame.payload.toString('utf8')) : null
    if (parsed?.type === 'message') {
      const seq = parsed.message.seq
      seqs.push(seq)
      if (run.n === 0) run.from = seq
      run = { ...run, n: run.n + 1, to: seq, bytes: run.bytes + frame.raw.length }
      continue
    }
    flush()
    printFrame(frame, '←')
    if (parsed?.type === 'hello') connection.hello = parsed
    if (frame.opcode === 9) connection.send(10, frame.payload)
    if (frame.opcode === 8) {
      const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005
      // The closing handshake: echo the code, then the server ends the TCP connection.
      if (!connection.closing) connection.send(8, frame.payload.subarray(0, 2))
      flush()
      return code
    }
  }
  flush()
  return undefined
}

async function closeNormally(connection, seqs) {
  const payload = Buffer.alloc(2)
  payload.writeUInt16BE(1000)
  connection.closing = true
  connection.send(8, payload)
  await readFrames(connection, seqs, { untilMs: Date.now() + 2000 })
  await connection.closed(2000)
}

async function setTicker(url, body) {
  const answer = await fetch(new URL('/api/lab/ticker', url.href.replace(/^ws/, 'http')), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  console.log(
    t.meanwhile(
      `POST /api/lab/ticker ${JSON.stringify(body)} → ${answer.status} ${await answer.text()}`,
    ),
  )
}

/** Reads until the hello, then the backlog up to the hello's head. */
async function catchUp(connection, seqs) {
  await readFrames(connection, seqs, {
    untilMs: Date.now() + 20_000,
    done: () => connection.hello !== undefined && (seqs.at(-1) ?? 0) >= connection.hello.head,
  })
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ticker: { type: 'string' },
      stall: { type: 'string', default: '6' },
      for: { type: 'string', default: '3' },
    },
  })
  const target = positionals[0]
  if (!target)
    throw new Error('slow-client.mjs needs a URL, e.g. ws://localhost:3001/ws?room=lab-11')
  const url = new URL(target)
  const room = url.searchParams.get('room') ?? 'lobby'
  const stallSeconds = Number(values.stall)
  /** @type {number[]} */
  const seqs = []

  const first = await Connection.open(url)
  await catchUp(first, seqs)
  if (first.hello === undefined) throw new Error(t.refused)
  first.socket.pause()
  if (values.ticker !== undefined) {
    await setTicker(url, { room, rate: Number(values.ticker), size: TICK_BYTES })
  }
  console.log(t.stalling(stallSeconds))
  await delay(stallSeconds * 1000)
  console.log(t.reading(stallSeconds))
  first.socket.resume()
  const code = await readFrames(first, seqs, { untilMs: Date.now() + Number(values.for) * 1000 })
  if (code === undefined) {
    console.log(t.kept(Number(values.for)))
    await closeNormally(first, seqs)
  } else {
    await first.closed(2000)
  }
  console.log(t.totals(first.sent, first.received))
  if (values.ticker !== undefined) await setTicker(url, { room, rate: 0 })
  let connections = 1
  const hello = first.hello
  if (code !== undefined && hello && seqs.length > 0) {
    console.log(t.resuming)
    const again = new URL(url)
    again.searchParams.set('since', String(seqs.at(-1)))
    again.searchParams.set('epoch', hello.epoch)
    const second = await Connection.open(again)
    connections++
    await catchUp(second, seqs)
    await closeNormally(second, seqs)
    console.log(t.totals(second.sent, second.received))
  }
  const check = deliveryCheck(seqs)
  if (seqs.length === 0) return
  if (check.missing === 0 && check.twice === 0) {
    console.log(t.check(check.from, check.to, connections))
  } else console.log(t.wrong(check.missing, check.twice))
}

if (process.argv[1]?.endsWith('slow-client.mjs')) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`slow-client.mjs: ${error.message}`)
    process.exit(2)
  })
}
