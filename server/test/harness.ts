import { connect, type Socket } from 'node:net'
import { expect } from 'vitest'
import WebSocket from 'ws'
import { type Config, DEFAULT_CONFIG } from '../src/config.ts'
import type { Batch, Message, ServerFrame, StatsSnapshot } from '../src/protocol.ts'
import { type RunningServer, startServer } from '../src/server.ts'

const running: RunningServer[] = []
const cleanups: (() => void)[] = []

/**
 * Undoes what the test registered and stops the servers it started. Run after every test by
 * setup.ts: the server's tests share their modules from file to file (isolate: false), so a hook
 * registered here would belong to the first file that imported this module only.
 */
export async function cleanUpAfterTest(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await Promise.all(running.splice(0).map((server) => server.close()))
}

/** A real wirelab server on 127.0.0.1, a free port; stopped after the test. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const server = await startServer({ ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', ...overrides })
  running.push(server)
  return server
}

/** Registers something to undo after the test (a socket, a stream). */
export function onCleanup(cleanup: () => void): void {
  cleanups.push(cleanup)
}

export async function post(base: string, body: unknown, query = ''): Promise<Response> {
  return fetch(`${base}/api/messages${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** Appends `count` messages "m1", "m2", … through POST and returns their seqs. */
export async function appendMany(
  base: string,
  count: number,
  room = 'lobby',
  from = 1,
): Promise<number[]> {
  const seqs: number[] = []
  for (let i = from; i < from + count; i++) {
    const response = await post(base, { room, user: 'ana', text: `m${i}` })
    seqs.push(((await response.json()) as { seq: number }).seq)
  }
  return seqs
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url)
  return (await response.json()) as T
}

export const getBatch = (url: string) => getJson<Batch>(url)
/** One client's figures, or everyone's without `client`. */
export const getStats = (base: string, client?: string) =>
  getJson<StatsSnapshot>(`${base}/api/stats${client === undefined ? '' : `?client=${client}`}`)

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Resolves when `check` stops throwing (for state that settles after a socket event). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
}

export interface SseEvent {
  event: string
  id: string
  data: string
}

/** An SSE client over fetch streaming, with a deliberately small parser (LF-only, as wirelab sends). */
export function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const events: SseEvent[] = []
  const comments: string[] = []
  let retry: number | undefined
  let notify = () => {}
  const response = fetch(url, { headers, signal: controller.signal })
  const done = (async () => {
    const res = await response
    if (!res.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event: SseEvent = { event: 'message', id: '', data: '' }
          let hasData = false
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line)
            else if (line.startsWith('retry: ')) retry = Number(line.slice(7))
            else if (line.startsWith('event: ')) event.event = line.slice(7)
            else if (line.startsWith('id: ')) event.id = line.slice(4)
            else if (line.startsWith('data: ')) {
              event.data += (hasData ? '\n' : '') + line.slice(6)
              hasData = true
            }
          }
          if (hasData) events.push(event)
          notify()
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // aborted by the test
    }
    notify()
  })()
  const client = {
    response,
    events,
    comments,
    get retry() {
      return retry
    },
    messages: () =>
      events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as Message),
    async waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (!check()) {
        if (Date.now() > deadline)
          throw new Error(`SSE: condition not met; events: ${events.length}`)
        await Promise.race([new Promise<void>((r) => (notify = r)), done, sleep(50)])
      }
    },
    close() {
      controller.abort()
    },
    done,
  }
  onCleanup(() => controller.abort())
  return client
}

/** A `ws` client that records every server frame it receives. */
export function openWs(url: string, options: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(url, options)
  const frames: ServerFrame[] = []
  let notify = () => {}
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() })
      notify()
    })
  })
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as ServerFrame)
    notify()
  })
  ws.on('error', () => {})
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    )
    ws.once('error', reject)
  })
  onCleanup(() => ws.terminate())
  return {
    ws,
    frames,
    opened,
    closed,
    messages: () => frames.flatMap((f) => (f.type === 'message' ? [f.message] : [])),
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
    async waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (!check()) {
        if (Date.now() > deadline)
          throw new Error(`WS: condition not met; frames: ${JSON.stringify(frames).slice(0, 300)}`)
        await Promise.race([new Promise<void>((r) => (notify = r)), sleep(50)])
      }
    },
  }
}

export const seqsOf = (messages: Message[]) => messages.map((m) => m.seq)

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Opens a plain TCP socket to the server; its byte counters are the client's view of the wire. */
export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
    onCleanup(() => socket.destroy())
  })
}

/** The client's own count of the wire must equal the server's meter, to the byte. */
export async function expectMeterEquals<T extends keyof StatsSnapshot['transports']>(
  base: string,
  client: string | undefined,
  transport: T,
  socket: Socket,
): Promise<StatsSnapshot['transports'][T]> {
  await eventually(async () => {
    const stats = (await getStats(base, client)).transports[transport]
    expect({ bytesIn: stats.bytesIn, bytesOut: stats.bytesOut }).toEqual({
      bytesIn: socket.bytesWritten,
      bytesOut: socket.bytesRead,
    })
  })
  return (await getStats(base, client)).transports[transport]
}
