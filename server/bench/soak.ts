/**
 * Soak: a wirelab server (its own process, so that its memory is its own) holds many idle
 * WebSocket and SSE clients for a while, with heartbeats running and a slow ticker, and this
 * prints its resident memory and heap over time. Not a test: it asserts nothing, and it runs
 * until --minutes have passed.
 *
 *   npm run bench:soak [-- --minutes 10 --connections 5000 --heartbeat 5000]
 *
 * Each connection is a file descriptor on both sides: raise the limit first (`ulimit -n 20000`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { type ClientRequest, request } from 'node:http'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '5000' },
    heartbeat: { type: 'string', default: '5000' },
    every: { type: 'string', default: '30' },
  },
})
const MINUTES = Number(values.minutes)
const CONNECTIONS = Number(values.connections)
const HEARTBEAT_MS = Number(values.heartbeat)
const SAMPLE_S = Number(values.every)

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'server/src/main.ts',
      '--api-only',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--max-connections-ip',
      String(CONNECTIONS * 2 + 100),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const url = /running on (http:\/\/\S+)/.exec(output)?.[1]
      if (url) resolve({ child, url })
    })
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)))
  })
}

async function memory(url: string): Promise<{ rss: number; heap: number; open: number }> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const gauge = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(text)?.[1])
  const open = [...text.matchAll(/^wirelab_open_connections\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  )
  return {
    rss: gauge('process_resident_memory_bytes'),
    heap: gauge('nodejs_heap_used_bytes'),
    open,
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`

const { child, url } = await startServer()
const stop = () => child.kill('SIGTERM')
process.on('exit', stop)
const base = url.replace('http', 'ws')
const before = await memory(url)
console.log(`server up, ${mib(before.rss)} resident; opening ${CONNECTIONS} connections…`)

// Nine in ten WebSockets (pinged every --heartbeat ms), one in ten SSE streams, over 50 rooms.
const sockets: WebSocket[] = []
const streams: ClientRequest[] = []
for (let i = 0; i < CONNECTIONS; i++) {
  const room = `soak-${i % 50}`
  if (i % 10 === 9) {
    const stream = request(`${url}/api/sse?room=${room}`, (response) => response.resume())
    stream.on('error', () => {})
    stream.on('socket', (socket) => socket.on('error', () => {}))
    streams.push(stream.end())
    continue
  }
  const socket = new WebSocket(`${base}/ws?room=${room}&heartbeat=${HEARTBEAT_MS}`)
  socket.on('error', () => {})
  sockets.push(socket)
  if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 50))
}
// Every WebSocket answered: open, or refused.
await Promise.all(
  sockets.map(
    (socket) =>
      new Promise((resolve) => {
        if (socket.readyState !== WebSocket.CONNECTING) return resolve(undefined)
        socket.once('open', resolve)
        socket.once('close', resolve)
      }),
  ),
)
await fetch(`${url}/api/lab/ticker`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ room: 'soak-0', rate: 1 }),
})
const opened = sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length
console.log(`${opened} WebSockets open, ${streams.length} SSE streams asked for`)
console.log('minute  open conns  resident   heap      load')
const started = Date.now()
for (;;) {
  const m = await memory(url)
  const minute = ((Date.now() - started) / 60_000).toFixed(1).padStart(6)
  console.log(
    `${minute}  ${String(m.open).padStart(10)}  ${mib(m.rss).padStart(9)}  ${mib(m.heap).padStart(8)}  ${loadavg()[0]?.toFixed(2)}`,
  )
  if (Date.now() - started >= MINUTES * 60_000) break
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_S * 1000))
}
const closedByServer = sockets.filter((socket) => socket.readyState !== WebSocket.OPEN).length
console.log(`WebSockets the server closed meanwhile (heartbeat misses): ${closedByServer}`)
for (const socket of sockets) socket.terminate()
for (const stream of streams) stream.destroy()
// The server says goodbye on its stdout: keep the pipe open until it has exited.
const exited = once(child, 'exit')
stop()
await exited
process.exit(0)
