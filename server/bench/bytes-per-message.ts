/**
 * Bytes on the wire per delivered message, per transport: one client each, a 20-character chat
 * message at a time, on loopback. Prints a table; asserts nothing.
 *
 *   npm run bench [-- --messages 100] [--delay 100 --jitter 20 --bandwidth 1600]
 *
 * With network conditions (ms one way, ms ±, kbit/s), every transport goes through its shaping
 * proxy (`POST /api/lab/network`): the bytes stay the same, the time per message does not.
 */
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { DEFAULT_CONFIG } from '../src/config.ts'
import type {
  Batch,
  ErrorBody,
  RoomNetwork,
  StatsSnapshot,
  Transport,
  TransportStats,
} from '../src/protocol.ts'
import { startServer } from '../src/server.ts'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100' },
    delay: { type: 'string', default: '0' },
    jitter: { type: 'string', default: '0' },
    bandwidth: { type: 'string', default: '0' },
  },
})
const MESSAGES = Number(values.messages)
const CONDITIONS = {
  delayMs: Number(values.delay),
  jitterMs: Number(values.jitter),
  bandwidthKbps: Number(values.bandwidth),
}
const TEXT = 'a twenty-char text!!' // 20 characters, 20 bytes

// It sends as fast as the loopback lets it: no rate limit here.
const server = await startServer({
  ...DEFAULT_CONFIG,
  port: 0,
  host: '127.0.0.1',
  sendRatePerClient: 100_000,
})
const base = server.url
const routes = new Map<Transport, string>()
if (CONDITIONS.delayMs > 0 || CONDITIONS.bandwidthKbps > 0) {
  for (const transport of ['poll', 'longpoll', 'sse', 'ws'] as const) {
    const response = await fetch(`${base}/api/lab/network`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'lobby', transport, ...CONDITIONS }),
    })
    const network = (await response.json()) as RoomNetwork | ErrorBody
    if ('error' in network)
      throw new Error(`--delay/--jitter/--bandwidth: ${network.error.message}`)
    routes.set(transport, `http://127.0.0.1:${network.shaped[transport]?.port}`)
  }
}
/** Where a transport's client connects: the server, or its shaping proxy. */
const via = (transport: Transport) => routes.get(transport) ?? base
const stats = async (client: string) =>
  (await (await fetch(`${base}/api/stats?client=${client}`)).json()) as StatsSnapshot
const wire = (s: TransportStats) => ({ in: s.bytesIn, out: s.bytesOut })

async function send(): Promise<number> {
  const response = await fetch(`${base}/api/messages?client=bench-sender`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'ana', text: TEXT }),
  })
  return ((await response.json()) as { seq: number }).seq
}

type Row = {
  transport: string
  setupIn: number
  setupOut: number
  perMsgIn: number
  perMsgOut: number
  msPerMessage: number
}
const rows: Row[] = []

/** Runs `deliverOne` MESSAGES times after `setup`, reading the client's meter around each phase. */
async function measure(
  transport: 'poll' | 'longpoll' | 'sse' | 'ws',
  setup: (client: string) => Promise<void>,
  deliverOne: (client: string) => Promise<void>,
): Promise<void> {
  const client = `bench-${transport}`
  await setup(client)
  const afterSetup = wire((await stats(client)).transports[transport])
  const started = performance.now()
  for (let i = 0; i < MESSAGES; i++) await deliverOne(client)
  const msPerMessage = (performance.now() - started) / MESSAGES
  const end = (await stats(client)).transports[transport]
  if (end.messages !== MESSAGES)
    throw new Error(`${transport}: ${end.messages} of ${MESSAGES} delivered`)
  rows.push({
    transport,
    setupIn: afterSetup.in,
    setupOut: afterSetup.out,
    perMsgIn: (end.bytesIn - afterSetup.in) / MESSAGES,
    perMsgOut: (end.bytesOut - afterSetup.out) / MESSAGES,
    msPerMessage,
  })
}

// Short polling: one poll right after each send (the best case: no empty polls in between).
let pollSince = 0
await measure(
  'poll',
  async () => {},
  async (client) => {
    await send()
    const batch = (await (
      await fetch(`${via('poll')}/api/poll?since=${pollSince}&client=${client}`)
    ).json()) as Batch
    pollSince = batch.messages.at(-1)?.seq ?? pollSince
  },
)

// Long polling: the request is waiting when the message is sent.
let longSince = pollSince
await measure(
  'longpoll',
  async () => {},
  async (client) => {
    const held = fetch(
      `${via('longpoll')}/api/longpoll?since=${longSince}&client=${client}&timeout=30000`,
    )
    while (server.feed.listenerCount('lobby') === 0) await new Promise((r) => setTimeout(r, 1))
    await send()
    const batch = (await (await held).json()) as Batch
    longSince = batch.messages.at(-1)?.seq ?? longSince
  },
)

// SSE: one long response; each message is one event (plus chunked framing).
{
  const abort = new AbortController()
  let delivered = 0
  let wake = () => {}
  await measure(
    'sse',
    async (client) => {
      const response = await fetch(`${via('sse')}/api/sse?since=${longSince}&client=${client}`, {
        signal: abort.signal,
      })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      ;(async () => {
        const decoder = new TextDecoder()
        for (;;) {
          const { value, done } = await reader
            .read()
            .catch(() => ({ value: undefined, done: true }))
          if (done) return
          delivered += decoder.decode(value).split('event: message').length - 1
          wake()
        }
      })()
      await new Promise((r) => setTimeout(r, 50))
    },
    async () => {
      const before = delivered
      const arrived = new Promise<void>((resolve) => (wake = () => delivered > before && resolve()))
      await send()
      await arrived
    },
  )
  abort.abort()
}

// WebSocket: one connection; each message is one text frame.
{
  let ws: WebSocket | undefined
  let wake = () => {}
  await measure(
    'ws',
    async (client) => {
      const head = await server.feed.head('lobby')
      ws = new WebSocket(`${via('ws').replace('http', 'ws')}/ws?since=${head}&client=${client}`)
      ws.on('message', () => wake())
      await new Promise<void>((resolve) => (wake = resolve))
    },
    async () => {
      const arrived = new Promise<void>((resolve) => (wake = resolve))
      await send()
      await arrived
    },
  )
  ws?.close()
}

const sendStats = (await stats('bench-sender')).transports.send
await server.close()

console.log(
  `Bytes on the wire per delivered message (${MESSAGES} messages of ${TEXT.length} characters, one client, loopback)\n`,
)
if (routes.size > 0) {
  console.log(
    `Through shaping proxies: ${CONDITIONS.delayMs} ms ± ${CONDITIONS.jitterMs} ms one way, ${CONDITIONS.bandwidthKbps || 'unlimited'} kbit/s\n`,
  )
}
// The time per message only means something through a shaped link (the labs quote the plain table).
const timed = routes.size > 0
console.log(
  `transport  setup in/out (B)   per message in/out (B)   per message total   overhead ×${timed ? '   ms per message' : ''}`,
)
for (const row of rows) {
  const total = row.perMsgIn + row.perMsgOut
  console.log(
    `${row.transport.padEnd(9)}  ${`${row.setupIn}/${row.setupOut}`.padEnd(17)}  ${`${row.perMsgIn.toFixed(1)}/${row.perMsgOut.toFixed(1)}`.padEnd(23)}  ${total.toFixed(1).padStart(17)}   ${(total / TEXT.length).toFixed(1).padStart(9)}${timed ? `   ${row.msPerMessage.toFixed(1).padStart(14)}` : ''}`,
  )
}
console.log(
  `\nsending (POST /api/messages): ${((sendStats.bytesIn + sendStats.bytesOut) / sendStats.messages).toFixed(1)} B per message`,
)
console.log('HTTP clients here are Node fetch (undici); a browser sends larger request headers.')
