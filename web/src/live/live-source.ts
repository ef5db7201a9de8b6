import type { Batch, ExchangeLog, TickerState } from '../../../server/src/protocol.ts'
import {
  type ConnectionState,
  DEFAULT_CONTROLS,
  type LabControls,
  type LabEvent,
  type LabSource,
} from '../lab-source.ts'
import { ClockOffsetEstimator, httpTimeSource } from '../lib/clock-offset.ts'
import { TRANSPORTS, type Transport } from '../lib/exchange.ts'
import { parseWireStats } from '../lib/wire-stats.ts'
import { fromHex } from '../lib/ws-frame.ts'
import { apiUrl, type TransportClient, type TransportSetup } from '../transports/client.ts'
import { FeedCursor } from '../transports/feed-cursor.ts'
import { LongPollingClient } from '../transports/long-polling.ts'
import { PollingClient } from '../transports/polling.ts'
import { SseClient } from '../transports/sse.ts'
import { WebSocketClient } from '../transports/websocket.ts'

const HISTORY_LIMIT = 50

const CLIENTS: Record<Transport, (setup: TransportSetup) => TransportClient> = {
  poll: (setup) => new PollingClient(setup),
  longpoll: (setup) => new LongPollingClient(setup),
  sse: (setup) => new SseClient(setup),
  ws: (setup) => new WebSocketClient(setup),
}
const FRAME_POLL_MS = 1_000

export interface LiveOptions {
  room: string
  /** Ticker rate to start the room with when none runs (`?ticker=` on the page). */
  tickerRate?: number
}

/** The real thing: four transport clients of one room, the wire meter, the clock, the frames. */
export class LiveSource implements LabSource {
  readonly mode = 'live'
  readonly client = Math.random().toString(36).slice(2, 10)
  readonly #room: string
  readonly #initialTickerRate: number | undefined
  #controls: LabControls = { ...DEFAULT_CONTROLS }
  #listeners = new Set<(event: LabEvent) => void>()
  #states = new Map<Transport, ConnectionState>()
  #clients = new Map<Transport, TransportClient>()
  #ws: WebSocketClient | undefined
  #stats: EventSource | undefined
  #clock = new ClockOffsetEstimator({ fetchTime: httpTimeSource('/api/time') })
  #framesTimer: ReturnType<typeof setInterval> | undefined
  #cursors = new Map<Transport, FeedCursor>()
  #continuity = new Map<Transport, string>()
  #lastFrameN = 0

  constructor(options: LiveOptions) {
    this.#room = options.room
    this.#initialTickerRate = options.tickerRate
    if (options.tickerRate !== undefined) this.#controls.tickerRate = options.tickerRate
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  start(): void {
    this.#clock.onEstimate((estimate) => this.#emit({ type: 'offset', estimate }))
    this.#clock.start()
    this.#stats = new EventSource(apiUrl('/api/lab/stats', { client: this.client }))
    this.#stats.addEventListener('stats', (event) => {
      this.#emit({
        type: 'wire',
        stats: parseWireStats(JSON.parse((event as MessageEvent<string>).data)),
      })
    })
    void this.#startTransports()
    void this.#startTicker()
    this.#framesTimer = setInterval(() => {
      void this.#pollFrames()
      for (const transport of TRANSPORTS) this.#reportContinuity(transport)
    }, FRAME_POLL_MS)
  }

  stop(): void {
    for (const client of this.#clients.values()) client.stop()
    this.#stats?.close()
    this.#clock.stop()
    clearInterval(this.#framesTimer)
  }

  async send(transport: Transport, user: string, text: string): Promise<{ seq: number }> {
    if (transport === 'ws' && this.#ws) return this.#ws.send(user, text)
    const response = await fetch(apiUrl('/api/messages', { client: this.client }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: this.#room, user, text, clientMsgId: crypto.randomUUID() }),
    })
    const body = (await response.json()) as { seq: number } | { error: { message: string } }
    if ('error' in body) throw new Error(body.error.message)
    return body
  }

  async exchanges(transport: Transport): Promise<ExchangeLog> {
    const response = await fetch(apiUrl('/api/lab/exchanges', { client: this.client, transport }))
    return (await response.json()) as ExchangeLog
  }

  drop(transport: Transport): void {
    void postJson('/api/lab/kill', { client: this.client, transport })
  }

  configure(controls: LabControls): void {
    const before = this.#controls
    this.#controls = { ...controls }
    for (const client of this.#clients.values()) client.configure({ ...controls })
    const tickerChanged =
      before.tickerRate !== controls.tickerRate ||
      before.tickerSize !== controls.tickerSize ||
      before.paused !== controls.paused
    if (tickerChanged) void this.#applyTicker()
  }

  /** History first: its head is where the four transports start, so they all show the same. */
  async #startTransports(): Promise<void> {
    const response = await fetch(
      apiUrl('/api/history', { room: this.#room, limit: String(HISTORY_LIMIT) }),
    )
    const history = (await response.json()) as Batch
    this.#emit({ type: 'history', messages: history.messages })
    for (const transport of TRANSPORTS) {
      const cursor = new FeedCursor({ since: history.head, epoch: history.epoch })
      this.#cursors.set(transport, cursor)
      this.#startClient(transport)
    }
  }

  setPaused(transport: Transport, paused: boolean): void {
    if (paused) this.#clients.get(transport)?.stop()
    else this.#startClient(transport)
  }

  /** A new client of `transport` from its cursor: the first start, and every resume. */
  #startClient(transport: Transport): void {
    const cursor = this.#cursors.get(transport)
    if (!cursor) return
    const setup: TransportSetup = {
      room: this.#room,
      client: this.client,
      cursor,
      controls: { ...this.#controls },
      events: {
        state: (state) => this.#setState(transport, state),
        message: (message, arrivedAt) => {
          this.#emit({ type: 'message', transport, message, arrivedAt })
          this.#reportContinuity(transport)
        },
      },
    }
    const client = CLIENTS[transport](setup)
    if (client instanceof WebSocketClient) this.#ws = client
    this.#clients.set(transport, client)
    client.start()
  }

  /** Starts the room's ticker only if none runs: a page load must not override the class's. */
  async #startTicker(): Promise<void> {
    const { tickers } = (await (await fetch('/api/lab/ticker')).json()) as {
      tickers: TickerState[]
    }
    const running = tickers.find((ticker) => ticker.room === this.#room)
    if (running && this.#initialTickerRate === undefined) return
    await this.#applyTicker()
  }

  #applyTicker(): Promise<Response> {
    const { tickerRate, tickerSize, paused } = this.#controls
    return postJson('/api/lab/ticker', {
      room: this.#room,
      rate: paused ? 0 : tickerRate,
      size: tickerSize,
    })
  }

  /** The frame inspector's bytes come from the server's tap of this page's WebSocket. */
  async #pollFrames(): Promise<void> {
    const url = apiUrl('/api/lab/exchanges', {
      client: this.client,
      transport: 'ws',
      after: String(this.#lastFrameN),
    })
    const log = (await (await fetch(url)).json()) as ExchangeLog
    for (const event of log.events) {
      this.#lastFrameN = Math.max(this.#lastFrameN, event.n)
      if (event.kind !== 'ws-frame' || !event.hex) continue
      this.#emit({
        type: 'frame',
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
    const key = `${cursor.missing}/${cursor.duplicates}`
    if (this.#continuity.get(transport) === key) return
    this.#continuity.set(transport, key)
    this.#emit({
      type: 'continuity',
      transport,
      missing: cursor.missing,
      repeated: cursor.duplicates,
    })
  }

  #setState(transport: Transport, state: ConnectionState): void {
    if (this.#states.get(transport) === state) return
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
