import { io } from 'socket.io-client'
import { type Message, SOCKETIO_NAMESPACE, SOCKETIO_PATH, type Transport } from '../src/protocol.ts'
import { eventually, onCleanup, openSse, openWs, sleep } from './harness.ts'
import { startPollClient } from './poll-client.ts'

/** A client of one transport that, like the page's, comes back from its cursor after any failure. */
export interface ResumingClient {
  readonly transport: Transport
  messages(): Message[]
  /** SSE and WebSocket: the instance that served each connection, in order (with a shared store). */
  instances(): string[]
  waitForCount(count: number, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

const RETRY_MS = 50

/** Starts a resuming client of `transport` against `base` (the server, or a proxy in front of it). */
export function startResumingClient(
  base: string,
  transport: Transport,
  query: { room: string; client?: string },
): ResumingClient {
  if (transport === 'poll' || transport === 'longpoll') {
    const client = startPollClient(base, transport, { ...query, timeoutMs: 5_000 })
    return {
      transport,
      messages: () => client.messages,
      instances: () => [],
      waitForCount: (count, timeoutMs = 20_000) =>
        eventually(() => {
          if (client.messages.length < count)
            throw new Error(`${transport}: ${client.messages.length} of ${count}`)
        }, timeoutMs),
      stop: () => client.stop(),
    }
  }
  if (transport === 'socketio') return socketIoClient(base, query)
  return streamClient(base, transport, query)
}

/** Socket.IO reconnects by itself; the cursor it sends in `auth` each time says where to resume. */
function socketIoClient(base: string, query: { room: string; client?: string }): ResumingClient {
  const messages: Message[] = []
  let epoch: string | undefined
  const socket = io(`${base}${SOCKETIO_NAMESPACE}`, {
    path: SOCKETIO_PATH,
    ...(query.client && { query: { client: query.client } }),
    auth: (send) =>
      send({ room: query.room, since: messages.at(-1)?.seq ?? 0, ...(epoch && { epoch }) }),
    reconnectionDelay: RETRY_MS,
    reconnectionDelayMax: RETRY_MS,
  })
  socket.on('hello', (hello: { epoch: string }) => {
    epoch = hello.epoch
  })
  socket.on('message', (message: Message) => messages.push(message))
  onCleanup(() => socket.disconnect())
  return {
    transport: 'socketio',
    messages: () => messages,
    instances: () => [],
    waitForCount: (count, timeoutMs = 20_000) =>
      eventually(() => {
        if (messages.length < count) throw new Error(`socketio: ${messages.length} of ${count}`)
      }, timeoutMs),
    async stop() {
      socket.disconnect()
    },
  }
}

/** SSE (resuming with Last-Event-ID, as a browser does) or WebSocket (with `since` and `epoch`). */
function streamClient(
  base: string,
  transport: 'sse' | 'ws',
  query: { room: string; client?: string },
): ResumingClient {
  const messages: Message[] = []
  let stopped = false
  let close = () => {}
  let lastEventId = ''
  let epoch: string | undefined
  const instances: string[] = []
  const params = () => {
    const since = String(messages.at(-1)?.seq ?? 0)
    return new URLSearchParams({ ...query, since, ...(epoch && { epoch }) })
  }
  const loop = (async () => {
    while (!stopped) {
      if (transport === 'sse') {
        const headers: Record<string, string> = lastEventId ? { 'Last-Event-ID': lastEventId } : {}
        const sse = openSse(`${base}/api/sse?${new URLSearchParams(query)}&since=0`, headers)
        close = () => sse.close()
        let read = 0
        const collect = () => {
          for (const event of sse.events.slice(read)) {
            if (event.id) lastEventId = event.id
            if (event.event === 'hello') instances.push(JSON.parse(event.data).instance)
            if (event.event === 'message') messages.push(JSON.parse(event.data) as Message)
          }
          read = sse.events.length
          return stopped
        }
        // Refused or cut: the stream ends (its promise may reject: nothing to tell but "again").
        const ended = sse.done.then(
          () => true,
          () => true,
        )
        while (!collect() && !(await Promise.race([ended, sleep(20).then(() => false)]))) {}
        collect()
      } else {
        const ws = openWs(`${base.replace(/^http/, 'ws')}/ws?${params()}`)
        close = () => ws.ws.terminate()
        ws.opened.catch(() => {})
        let read = 0
        ws.ws.on('message', () => {
          for (const frame of ws.frames.slice(read)) {
            if (frame.type === 'hello') {
              epoch = frame.epoch
              if (frame.instance) instances.push(frame.instance)
            }
            if (frame.type === 'message') messages.push(frame.message)
          }
          read = ws.frames.length
        })
        await ws.closed
      }
      if (!stopped) await sleep(RETRY_MS)
    }
  })()
  onCleanup(() => {
    stopped = true
    close()
  })
  return {
    transport,
    messages: () => messages,
    instances: () => instances,
    waitForCount: (count, timeoutMs = 20_000) =>
      eventually(() => {
        if (messages.length < count) throw new Error(`${transport}: ${messages.length} of ${count}`)
      }, timeoutMs),
    async stop() {
      stopped = true
      close()
      await loop
    },
  }
}
