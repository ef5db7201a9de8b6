import type { ClassState } from '../../../server/src/class/protocol.ts'
import type {
  Batch,
  ErrorBody,
  ExchangeLog,
  KillResult,
  RoomNetwork,
  RoomSettings,
} from '../../../server/src/protocol.ts'
import {
  type ConnectionState,
  DEFAULT_CONTROLS,
  type FrameTransport,
  type LabControls,
  type LabEvent,
  type LabSource,
  type NetworkChange,
  type ServerInfo,
} from '../lab-source.ts'
import { ClockOffsetEstimator, httpTimeSource } from '../lib/clock-offset.ts'
import { TRANSPORTS, type Transport } from '../lib/exchange.ts'
import { SendError, type SendRequest } from '../lib/send-error.ts'
import { parseWireStats } from '../lib/wire-stats.ts'
import { fromHex } from '../lib/ws-frame.ts'
import {
  apiUrl,
  serverOnPort,
  type TransportClient,
  type TransportSetup,
} from '../transports/client.ts'
import { FeedCursor } from '../transports/feed-cursor.ts'
import { LongPollingClient } from '../transports/long-polling.ts'
import { PollingClient } from '../transports/polling.ts'
import { SocketIoClient } from '../transports/socketio.ts'
import { SseClient } from '../transports/sse.ts'
import { WebSocketClient } from '../transports/websocket.ts'
import { watchNextConnection } from './next-connection.ts'

const HISTORY_LIMIT = 50
const FRAME_POLL_MS = 1_000

const CLIENTS: Record<Transport, (setup: TransportSetup) => TransportClient> = {
  poll: (setup) => new PollingClient(setup),
  longpoll: (setup) => new LongPollingClient(setup),
  sse: (setup) => new SseClient(setup),
  ws: (setup) => new WebSocketClient(setup),
  socketio: (setup) => new SocketIoClient(setup),
}

/** The transports whose frames the frame inspector shows (the server taps their sockets). */
const FRAME_TRANSPORTS = TRANSPORTS.filter(
  (t): t is FrameTransport => t === 'ws' || t === 'socketio',
)

export interface LiveOptions {
  room: string
  /** Ticker rate to set the room to on load (`?ticker=` on the page, or a lab's settings). */
  tickerRate?: number
  /** Ticker message size to go with it. */
  tickerSize?: number
  /**
   * Whether the page starts its room's ticker on load when nobody has set it (default true). A
   * class's ticker is the instructor's: its pages never start it.
   */
  startsTicker?: boolean
  /** Whether the page's controls set the room's ticker (default true); a student's do not. */
  setsTicker?: boolean
}

/** The real thing: four transport clients of one room, the wire meter, the clock, the frames. */
export class LiveSource implements LabSource {
  /**
   * This page's id: its meter, its exchange log, its connections to drop. Acting on a client
   * takes its id, so it is unguessable: 12 characters from 72 random bits.
   */
  readonly client = randomClientId()
  readonly room: string
  readonly #initialTickerRate: number | undefined
  readonly #initialTickerSize: number | undefined
  readonly #startsTicker: boolean
  readonly #setsTicker: boolean
  #controls: LabControls = { ...DEFAULT_CONTROLS }
  /** The room's ticker as the server last said: a page only posts what the learner changed. */
  #roomTicker: RoomSettings['ticker'] | undefined
  #listeners = new Set<(event: LabEvent) => void>()
  #states = new Map<Transport, ConnectionState>()
  #clients = new Map<Transport, TransportClient>()
  #cursors = new Map<Transport, FeedCursor>()
  #continuity = new Map<Transport, string>()
  /** How often each transport's client saw its connection fail (for the drop report). */
  #failures = new Map<Transport, number>()
  /** The wait each client drew after its last failure (undefined: the browser's own, as SSE's). */
  #retryInMs = new Map<Transport, number | undefined>()
  /** Where each transport connects: '' (the server) or its room's shaping proxy. */
  #bases = new Map<Transport, string>()
  #channel: EventSource | undefined
  #clock = new ClockOffsetEstimator({ fetchTime: httpTimeSource('/api/time') })
  #reachable = true
  #framesTimer: ReturnType<typeof setInterval> | undefined
  #stopped = new AbortController()
  #lastFrameN = new Map<FrameTransport, number>()

  constructor(options: LiveOptions) {
    this.room = options.room
    this.#initialTickerRate = options.tickerRate
    this.#initialTickerSize = options.tickerSize
    this.#startsTicker = options.startsTicker ?? true
    this.#setsTicker = options.setsTicker ?? true
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  start(): void {
    this.#clock.onReport((report) => {
      if (report.ok) {
        this.#emit({ type: 'offset', estimate: report.estimate, settled: report.settled })
      }
      if (report.ok !== this.#reachable) {
        this.#reachable = report.ok
        this.#emit({ type: 'server', reachable: report.ok })
      }
    })
    this.#clock.start()
    this.#openChannel()
    void this.#startTransports()
    this.#framesTimer = setInterval(() => {
      void this.#pollFrames()
      for (const transport of TRANSPORTS) this.#reportContinuity(transport)
    }, FRAME_POLL_MS)
  }

  stop(): void {
    this.#stopped.abort()
    for (const client of this.#clients.values()) client.stop()
    this.#channel?.close()
    this.#clock.stop()
    clearInterval(this.#framesTimer)
  }

  async send(request: SendRequest): Promise<{ seq: number }> {
    const ws = this.#clients.get('ws')
    if (request.transport === 'socketio') {
      const socketio = this.#clients.get('socketio')
      if (!(socketio instanceof SocketIoClient))
        throw new SendError('not_open', 'Socket.IO is paused')
      return socketio.send(request)
    }
    if (request.transport === 'ws') {
      if (!(ws instanceof WebSocketClient))
        throw new SendError('not_open', 'the WebSocket is paused')
      return ws.send(request)
    }
    const { user, text, clientMsgId } = request
    let response: Response
    try {
      response = await fetch(apiUrl('/api/messages', { client: this.client }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ room: this.room, user, text, clientMsgId }),
      })
    } catch (error) {
      throw new SendError('network', (error as Error).message)
    }
    const body = (await response.json().catch(() => null)) as { seq: number } | ErrorBody | null
    if (body && 'seq' in body) return body
    throw new SendError(
      body?.error.code ?? 'server_error',
      body?.error.message ?? `the server answered ${response.status}`,
    )
  }

  async exchanges(transport: Transport, after = 0): Promise<ExchangeLog> {
    const params = { client: this.client, transport, after: String(after) }
    const response = await fetch(apiUrl('/api/lab/exchanges', params))
    return (await response.json()) as ExchangeLog
  }

  async drop(transport: Transport): Promise<void> {
    // Counted before asking: the client may see its connection fail before the answer arrives.
    const failuresBefore = this.#failures.get(transport) ?? 0
    const response = await postJson(apiUrl('/api/lab/kill', { client: this.client }), {
      client: this.client,
      transport,
    })
    const result = (await response.json()) as KillResult
    this.#emit({ type: 'drop', transport, result })
    if (result.killed === 0) return
    const next = await watchNextConnection(result, {
      read: (after) => this.exchanges(transport, after),
      signal: this.#stopped.signal,
    })
    if (!next) return
    const pageSawError = (this.#failures.get(transport) ?? 0) > failuresBefore
    this.#emit({
      type: 'next-connection',
      transport,
      ...next,
      pageSawError,
      ...(pageSawError && { retryInMs: this.#retryInMs.get(transport) }),
    })
  }

  async resetMeter(): Promise<void> {
    await postJson(apiUrl('/api/stats/reset', { client: this.client }), {})
  }

  configure(controls: LabControls): void {
    this.#controls = { ...controls }
    for (const client of this.#clients.values()) client.configure({ ...controls })
    // Until the room has said what its ticker is, a page must not overwrite it.
    const room = this.#roomTicker
    if (!room || !this.#setsTicker) return
    const changed =
      room.rate !== controls.tickerRate ||
      room.size !== controls.tickerSize ||
      room.paused !== controls.paused
    if (changed) void this.#setTicker(controls.tickerRate, controls.tickerSize, controls.paused)
  }

  async setNetwork(transport: Transport, change: NetworkChange): Promise<void> {
    const response = await postJson('/api/lab/network', { room: this.room, transport, ...change })
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ErrorBody | null
      throw new Error(body?.error.message ?? `the server answered ${response.status}`)
    }
  }

  /** The seq of the last message the transport's cursor took (the history's head before any). */
  lastSeq(transport: Transport): number {
    return this.#cursors.get(transport)?.since ?? 0
  }

  setPaused(transport: Transport, paused: boolean): void {
    if (!paused) {
      this.#startClient(transport)
      return
    }
    const client = this.#clients.get(transport)
    // Forgotten first: the stopped client's own "closed" must not reach the page.
    this.#clients.delete(transport)
    client?.stop()
    this.#setState(transport, 'paused')
  }

  /** The page's own channel: the server's info, the room's settings, this page's meter. */
  #openChannel(): void {
    const channel = new EventSource(
      apiUrl('/api/lab/stats', { client: this.client, room: this.room }),
    )
    this.#channel = channel
    channel.addEventListener('hello', (event) => {
      const { server } = JSON.parse((event as MessageEvent<string>).data) as { server: ServerInfo }
      this.#emit({ type: 'server', reachable: true, info: server })
    })
    let first = true
    channel.addEventListener('room', (event) => {
      const settings = JSON.parse((event as MessageEvent<string>).data) as RoomSettings
      this.#roomTicker = settings.ticker
      if (first) {
        first = false
        if (this.#startsTicker && this.#startTicker(settings)) return
      }
      this.#emit({ type: 'room', settings })
    })
    channel.addEventListener('network', (event) => {
      this.#route(JSON.parse((event as MessageEvent<string>).data) as RoomNetwork)
    })
    channel.addEventListener('class', (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as ClassState
      this.#emit({ type: 'class', state })
    })
    channel.addEventListener('stats', (event) => {
      const stats = parseWireStats(JSON.parse((event as MessageEvent<string>).data))
      this.#emit({ type: 'wire', stats })
    })
  }

  /**
   * A page joining a room follows the room's ticker as someone set it; it starts the lab's default
   * only in a room nobody has set (or whose ticker stopped because nobody followed). `?ticker=`
   * sets it in any case. True when it posted a new setting (whose echo will follow).
   */
  #startTicker(settings: RoomSettings): boolean {
    const size = this.#initialTickerSize
    if (this.#initialTickerRate !== undefined) {
      void this.#setTicker(this.#initialTickerRate, size ?? settings.ticker.size, false)
      return true
    }
    if (settings.changedBy === 'page') return false
    void this.#setTicker(DEFAULT_CONTROLS.tickerRate, size ?? DEFAULT_CONTROLS.tickerSize, false)
    return true
  }

  #setTicker(rate: number, size: number, paused: boolean): Promise<Response> {
    this.#roomTicker = { room: this.room, rate, size, paused, sent: 0 }
    return postJson('/api/lab/ticker', { room: this.room, rate, size, paused })
  }

  /**
   * Every page of the room sends a shaped transport through its proxy: a transport whose route
   * changes starts again from its cursor on the new one (a stream open on the old route would
   * never feel the new conditions).
   */
  #route(network: RoomNetwork): void {
    for (const transport of TRANSPORTS) {
      const port = network.shaped[transport]?.port
      const base = port ? serverOnPort(port) : ''
      if ((this.#bases.get(transport) ?? '') === base) continue
      this.#bases.set(transport, base)
      const client = this.#clients.get(transport)
      if (!client) continue
      this.#clients.delete(transport)
      client.stop()
      this.#startClient(transport)
    }
    this.#emit({ type: 'network', network })
  }

  /** History first: its head is where the four transports start, so they all show the same. */
  async #startTransports(): Promise<void> {
    const response = await fetch(
      apiUrl('/api/history', { room: this.room, limit: String(HISTORY_LIMIT) }),
    )
    const history = (await response.json()) as Batch
    this.#emit({ type: 'history', epoch: history.epoch, messages: history.messages })
    for (const transport of TRANSPORTS) {
      const cursor = new FeedCursor({ since: history.head, epoch: history.epoch })
      this.#cursors.set(transport, cursor)
      this.#startClient(transport)
    }
  }

  /** A new client of `transport` from its cursor: the first start, and every resume. */
  #startClient(transport: Transport): void {
    const cursor = this.#cursors.get(transport)
    if (!cursor || this.#clients.has(transport)) return
    let client: TransportClient | undefined
    const current = () => this.#clients.get(transport) === client
    const setup: TransportSetup = {
      base: this.#bases.get(transport) ?? '',
      room: this.room,
      client: this.client,
      cursor,
      controls: { ...this.#controls },
      events: {
        state: (state, retryInMs) => {
          if (!current()) return
          if (state === 'reconnecting') this.#retryInMs.set(transport, retryInMs)
          this.#setState(transport, state)
        },
        message: (message, arrivedAt, liveSince) => {
          const epoch = cursor.epoch ?? ''
          this.#emit({ type: 'message', transport, message, epoch, arrivedAt, liveSince })
          this.#reportContinuity(transport)
        },
        instance: (instance) => {
          if (current()) this.#emit({ type: 'instance', transport, instance })
        },
      },
    }
    client = CLIENTS[transport](setup)
    this.#clients.set(transport, client)
    client.start()
  }

  /** The frame inspector's bytes come from the server's tap of this page's WebSockets. */
  async #pollFrames(): Promise<void> {
    await Promise.all(FRAME_TRANSPORTS.map((transport) => this.#pollFramesOf(transport)))
  }

  async #pollFramesOf(transport: FrameTransport): Promise<void> {
    const after = this.#lastFrameN.get(transport) ?? 0
    const log = await this.exchanges(transport, after).catch(() => null)
    for (const event of log?.events ?? []) {
      this.#lastFrameN.set(transport, Math.max(this.#lastFrameN.get(transport) ?? 0, event.n))
      if (event.kind !== 'ws-frame' || !event.hex) continue
      this.#emit({
        type: 'frame',
        transport,
        direction: event.direction,
        bytes: fromHex(event.hex),
        at: event.at,
      })
    }
  }

  /** Repeats are dropped before they reach the page, so they are reported here, not seen. */
  #reportContinuity(transport: Transport): void {
    const cursor = this.#cursors.get(transport)
    if (!cursor) return
    const key = `${cursor.missing}/${cursor.duplicates}/${cursor.resets}`
    if (this.#continuity.get(transport) === key) return
    this.#continuity.set(transport, key)
    this.#emit({
      type: 'continuity',
      transport,
      missing: cursor.missing,
      repeated: cursor.duplicates,
      resets: cursor.resets,
    })
  }

  #setState(transport: Transport, state: ConnectionState): void {
    if (this.#states.get(transport) === state) return
    if (state === 'reconnecting') {
      this.#failures.set(transport, (this.#failures.get(transport) ?? 0) + 1)
    }
    this.#states.set(transport, state)
    this.#emit({ type: 'state', transport, state })
  }

  #emit(event: LabEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}

function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

function randomClientId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => alphabet[byte % 36]).join(
    '',
  )
}
