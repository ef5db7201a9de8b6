import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { percentile } from '../../web/src/lib/latency-stats.ts'
import { type RunningCluster, startCluster, wirelabProcess } from '../src/cluster/cluster.ts'
import type { Message } from '../src/protocol.ts'

// npm run bench:cluster: one instance (memory store) vs one on Redis vs three on Redis behind
// nginx, measured side by side in one run: the same clients held (WebSocket and SSE), the same
// messages sent, delivery latency (arrival − the appending server's ts, one machine's clock).

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(`npm run bench:cluster -- [--clients N] [--rate MSG_PER_S] [--seconds S]

  --clients N   WebSocket clients and as many SSE clients, held on each setup (default 200)
  --rate R      messages per second sent through the setup's front (default 20)
  --seconds S   how long each setup is measured (default 10)

Setups, one after the other in this run: one instance on the memory store; one instance on Redis
(direct, then through nginx); three instances on Redis behind nginx (round robin).`)
  process.exit(0)
}
const CLIENTS = Number(values.clients)
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds)

interface Held {
  transport: 'ws' | 'sse'
  seqs: number[]
  lags: number[]
  close(): void
}

function holdWs(base: string, room: string): Promise<Held> {
  const held: Held = { transport: 'ws', seqs: [], lags: [], close: () => ws.terminate() }
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?room=${room}&since=0`)
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; message?: Message }
    if (frame.type !== 'message' || !frame.message) return
    held.seqs.push(frame.message.seq)
    held.lags.push(Date.now() - frame.message.ts)
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(held))
    ws.once('error', reject)
  })
}

async function holdSse(base: string, room: string): Promise<Held> {
  const stop = new AbortController()
  const held: Held = { transport: 'sse', seqs: [], lags: [], close: () => stop.abort() }
  const response = await fetch(`${base}/api/sse?room=${room}&since=0`, { signal: stop.signal })
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no SSE body')
  const decoder = new TextDecoder()
  void (async () => {
    let buffer = ''
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (block.startsWith('event: message') && data) {
          const message = JSON.parse(data) as Message
          held.seqs.push(message.seq)
          held.lags.push(Date.now() - message.ts)
        }
        end = buffer.indexOf('\n\n')
      }
    }
  })()
  return held
}

interface Result {
  setup: string
  held: number
  /** Connections each instance held while measured (its /metrics). */
  perInstance: string
  sent: number
  p50: number
  p95: number
  p99: number
  lost: number
  duplicated: number
}

/** The TCP connections an instance holds now, every transport (its own /metrics). */
async function openConnections(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  let total = 0
  for (const match of text.matchAll(/^wirelab_open_connections\{[^}]*\} (\d+)$/gm)) {
    total += Number(match[1])
  }
  return total
}

async function measure(setup: string, front: string, instances: string[]): Promise<Result> {
  const room = `bench-${Date.now().toString(36)}`
  const clients: Held[] = []
  for (let i = 0; i < CLIENTS; i++) {
    clients.push(await holdWs(front, room))
    clients.push(await holdSse(front, room))
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
  const perInstance = (await Promise.all(instances.map(openConnections))).join(' / ')
  const total = RATE * SECONDS
  const started = Date.now()
  for (let i = 1; i <= total; i++) {
    const due = started + (i * 1000) / RATE
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())))
    const response = await fetch(`${front}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ room, user: 'bench', text: `m${i}`, clientMsgId: `${room}-${i}` }),
    })
    if (!response.ok) throw new Error(`${setup}: POST answered ${response.status}`)
    await response.body?.cancel()
  }
  const deadline = Date.now() + 10_000
  while (clients.some((c) => c.seqs.length < total) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  for (const client of clients) client.close()
  const lags = clients.flatMap((c) => c.lags).sort((a, b) => a - b)
  let lost = 0
  let duplicated = 0
  for (const client of clients) {
    const unique = new Set(client.seqs)
    duplicated += client.seqs.length - unique.size
    lost += total - unique.size
  }
  return {
    setup,
    held: clients.length,
    perInstance,
    sent: total,
    p50: percentile(lags, 50) ?? Number.NaN,
    p95: percentile(lags, 95) ?? Number.NaN,
    p99: percentile(lags, 99) ?? Number.NaN,
    lost,
    duplicated,
  }
}

const load = () => loadavg()[0]?.toFixed(2)
console.log(
  `bench:cluster: ${CLIENTS} WebSocket + ${CLIENTS} SSE clients per setup, ${RATE} msg/s for ${SECONDS} s; load average ${load()} at start`,
)
const results: Result[] = []
const memory = wirelabProcess('memory', ['--api-only', '--max-connections-ip', '100000'])
try {
  await memory.start()
  results.push(await measure('1 instance, memory store', memory.url, [memory.url]))
} finally {
  await memory.stop({ graceful: true })
}
/** Measures on a cluster of `instances`, stopped whatever happens (a failed step leaves nothing). */
async function onCluster(instances: number, steps: (cluster: RunningCluster) => Promise<void>) {
  const cluster = await startCluster({
    instances,
    instanceFlags: ['--api-only'],
    // Every bench client comes from 127.0.0.1: nginx must let them all in.
    maxConnectionsPerIp: 60_000,
  })
  try {
    await steps(cluster)
  } finally {
    await cluster.stop()
  }
}
const urlsOf = (cluster: RunningCluster) => cluster.instances.map((instance) => instance.url)
await onCluster(1, async (cluster) => {
  const [direct = ''] = urlsOf(cluster)
  results.push(await measure('1 instance, Redis, direct', direct, urlsOf(cluster)))
  results.push(await measure('1 instance, Redis, nginx', cluster.url, urlsOf(cluster)))
})
await onCluster(3, async (cluster) => {
  results.push(await measure('3 instances, Redis, nginx', cluster.url, urlsOf(cluster)))
})
console.log('')
console.log(
  '| setup | clients held | connections per instance | sent | p50 ms | p95 ms | p99 ms | lost | duplicated |',
)
console.log('|---|---|---|---|---|---|---|---|---|')
for (const r of results) {
  console.log(
    `| ${r.setup} | ${r.held} | ${r.perInstance} | ${r.sent} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.lost} | ${r.duplicated} |`,
  )
}
const [base] = results
for (const r of results.slice(1)) {
  console.log(
    `${r.setup}: p50 ${(r.p50 - (base?.p50 ?? 0)).toFixed(0)} ms above the memory store's`,
  )
}
console.log(`load average ${load()} at end`)
