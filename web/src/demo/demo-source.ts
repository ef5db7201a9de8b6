import {
  type ConnectionState,
  DEFAULT_CONTROLS,
  type LabControls,
  type LabEvent,
  type LabSource,
} from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import {
  type ExchangeEvent,
  type ExchangeLog,
  numberEvents,
  TRANSPORTS,
  type Transport,
} from '../lib/exchange.ts'
import { RingBuffer } from '../lib/ring-buffer.ts'
import { encodeFrame } from '../lib/ws-frame.ts'
import {
  batchBodyBytes,
  emptyStats,
  DEMO_HEAD_BYTES as HEAD,
  jsonBytes,
  sseEventBytes,
  wsFrameBytes,
} from './demo-wire.ts'

// DEMO ONLY: an in-memory stand-in for the server, so the page can be built, styled and shown
// before the server exists. It simulates delays, states, byte counts, exchanges and frames; the
// page says "demo mode" while it runs. Phase 2 replaces it with the live source.

const DEMO_CLOCK_OFFSET_MS = 37
const EPOCH = 'demo1'
const CHATTER = [
  ['ana', 'Olá, turma! Alguém já rodou o lab 2?'],
  ['bruno', 'Hi all — the WebSocket panel is way faster 🚀'],
  ['carla', '<b>isto não é HTML</b>, é texto puro'],
  ['davi', 'a;b --> #c %% testando o escape do diagrama'],
  ['ana', 'Reparem nas respostas vazias do short polling.'],
  ['eva', 'Por que o SSE reconecta sozinho?'],
] as const

const delay = (minMs: number, maxMs: number) => minMs + Math.random() * (maxMs - minMs)

const FILLER = 'lorem ipsum dolor sit amet, consectetur adipiscing elit. '

/** `tick N`, padded with filler text to `size` bytes, like the server's ticker. */
function tickText(n: number, size: number): string {
  const head = `tick ${n}`
  if (head.length >= size) return head
  return `${head} ${FILLER.repeat(Math.ceil(size / FILLER.length))}`.slice(0, size)
}

export class DemoSource implements LabSource {
  readonly mode = 'demo'
  readonly client = Math.random().toString(36).slice(2, 6)
  #listeners = new Set<(event: LabEvent) => void>()
  #timers = new Set<ReturnType<typeof setTimeout>>()
  #intervals: ReturnType<typeof setInterval>[] = []
  #log: ChatMessage[] = []
  #pendingPoll: ChatMessage[] = []
  #stats = emptyStats(this.client, Date.now())
  #exchanges = new Map<Transport, RingBuffer<ExchangeEvent>>()
  #states = new Map<Transport, ConnectionState>()
  #nextExchangeId = 1
  #openExchange = new Map<Transport, number>()
  #controls: LabControls = { ...DEFAULT_CONTROLS }
  #schedules: ReturnType<typeof setInterval>[] = []
  #answeredLongPolls = new Set<number>()
  #chatter = 0

  constructor() {
    for (const transport of TRANSPORTS) this.#exchanges.set(transport, new RingBuffer(80))
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  start(): void {
    const history = CHATTER.slice(0, 3).map(([user, text]) => this.#append(user, text, 'chat'))
    this.#emit({ type: 'history', messages: history })
    this.#emitOffset()
    for (const transport of TRANSPORTS) this.#connect(transport, 'connecting')
    this.#intervals.push(
      setInterval(() => this.#emit({ type: 'wire', stats: structuredClone(this.#stats) }), 500),
      setInterval(() => this.#emitOffset(), 10_000),
    )
    this.#reschedule()
    this.#later(2500, () => this.#heartbeat())
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    for (const interval of [...this.#intervals, ...this.#schedules]) clearInterval(interval)
    this.#timers.clear()
    this.#intervals = []
    for (const transport of TRANSPORTS) this.#setState(transport, 'closed')
  }

  configure(controls: LabControls): void {
    this.#controls = { ...controls }
    this.#reschedule()
  }

  /** The ticker, the poll loop and the heartbeat follow the controls; restart them on a change. */
  #reschedule(): void {
    for (const interval of this.#schedules) clearInterval(interval)
    const { tickerRate, paused, pollIntervalMs, wsHeartbeatMs } = this.#controls
    this.#schedules = [setInterval(() => this.#poll(), pollIntervalMs)]
    if (tickerRate > 0 && !paused) {
      this.#schedules.push(setInterval(() => this.#tick(), 1000 / tickerRate))
    }
    if (wsHeartbeatMs > 0) this.#schedules.push(setInterval(() => this.#heartbeat(), wsHeartbeatMs))
  }

  async send(transport: Transport, user: string, text: string): Promise<{ seq: number }> {
    await new Promise((resolve) => this.#later(delay(5, 20), () => resolve(undefined)))
    const message = this.#append(user, text, 'chat')
    if (transport === 'ws') {
      const payload = { type: 'send', user, text }
      this.#frame('in', payload, true)
      this.#frame('out', { type: 'ack', seq: message.seq }, false)
    } else {
      const body = jsonBytes({ user, text })
      this.#count('send', { bytesIn: 380 + body, bytesOut: 200, requests: 1 })
    }
    this.#deliver(message)
    return { seq: message.seq }
  }

  async exchanges(transport: Transport): Promise<ExchangeLog> {
    return {
      client: this.client,
      transport,
      events: numberEvents(this.#exchanges.get(transport)?.toArray() ?? []),
    }
  }

  setPaused(transport: Transport, paused: boolean): void {
    if (paused) this.#setState(transport, 'closed')
    else this.#connect(transport, 'connecting')
  }

  drop(transport: Transport): void {
    const id = this.#openExchange.get(transport)
    if (id !== undefined)
      this.#record(transport, { at: this.#serverNow(), kind: 'closed', id, by: 'client' })
    if (transport === 'ws') this.#frame('in', new Uint8Array([0x03, 0xe8]), true, 0x8)
    this.#setState(transport, 'reconnecting')
    this.#later(1200, () => this.#connect(transport, 'reconnecting'))
  }

  #connect(transport: Transport, from: ConnectionState): void {
    this.#setState(transport, from)
    this.#later(delay(150, 450), () => {
      if (transport === 'sse') {
        const id = this.#request('sse', '/api/sse?since=0', HEAD.sseRequest)
        this.#respond('sse', id, 200, HEAD.sseResponseHead, 0)
      }
      if (transport === 'ws') {
        const id = this.#request('ws', '/ws?since=0', HEAD.wsUpgradeRequest)
        this.#respond('ws', id, 101, HEAD.wsUpgradeResponse, 0)
        const ws = this.#stats.transports.ws
        ws.handshakeBytesIn += HEAD.wsUpgradeRequest
        ws.handshakeBytesOut += HEAD.wsUpgradeResponse
        this.#frame('out', { type: 'hello', epoch: EPOCH, head: this.#log.length }, false)
      }
      if (transport === 'longpoll') this.#longPoll()
      this.#count(transport, { connections: 1 })
      this.#setState(transport, 'open')
    })
  }

  #tick(): void {
    const chatty = Math.random() < 0.3
    const [user, text] = chatty
      ? (CHATTER[this.#chatter++ % CHATTER.length] as readonly [string, string])
      : ['ticker', tickText(this.#log.length + 1, this.#controls.tickerSize)]
    this.#deliver(this.#append(user, text, chatty ? 'chat' : 'tick'))
  }

  #deliver(message: ChatMessage): void {
    this.#pendingPoll.push(message)
    for (const transport of ['longpoll', 'sse', 'ws'] as const) {
      if (this.#states.get(transport) !== 'open') continue
      this.#later(this.#pushDelay(transport), () => this.#push(transport, message))
    }
  }

  #pushDelay(transport: 'longpoll' | 'sse' | 'ws'): number {
    return { longpoll: delay(4, 14), sse: delay(2, 7), ws: delay(1, 4) }[transport]
  }

  #push(transport: 'longpoll' | 'sse' | 'ws', message: ChatMessage): void {
    if (transport === 'longpoll') {
      const id = this.#openExchange.get('longpoll')
      if (id === undefined) return
      const body = batchBodyBytes(EPOCH, message.seq, [message])
      this.#answeredLongPolls.add(id)
      this.#respond('longpoll', id, 200, HEAD.jsonResponseHead + body, 1)
      this.#later(delay(1, 4), () => this.#longPoll())
    } else if (transport === 'sse') {
      const id = this.#openExchange.get('sse') ?? 0
      const bytes = sseEventBytes(EPOCH, message)
      this.#count('sse', { bytesOut: bytes })
      this.#record('sse', {
        at: this.#serverNow(),
        kind: 'sse-event',
        id,
        event: 'message',
        eventId: `${EPOCH}:${message.seq}`,
        bytes,
      })
    } else {
      this.#frame('out', { type: 'message', message }, false)
    }
    this.#arrive(transport, message)
  }

  #poll(): void {
    if (this.#states.get('poll') !== 'open') return
    const since = this.#log.length - this.#pendingPoll.length
    const id = this.#request('poll', `/api/poll?since=${since}&epoch=${EPOCH}`, HEAD.pollRequest)
    const batch = this.#pendingPoll
    this.#pendingPoll = []
    this.#later(delay(2, 6), () => {
      const body = batchBodyBytes(EPOCH, this.#log.length, batch)
      this.#respond('poll', id, 200, HEAD.jsonResponseHead + body, batch.length)
      this.#count('poll', { emptyResponses: batch.length === 0 ? 1 : 0 })
      for (const message of batch) this.#arrive('poll', message)
    })
  }

  #longPoll(): void {
    if (this.#states.get('longpoll') === 'reconnecting') return
    const since = this.#log.length
    const id = this.#request(
      'longpoll',
      `/api/longpoll?since=${since}&epoch=${EPOCH}`,
      HEAD.longPollRequest,
    )
    this.#openExchange.set('longpoll', id)
    this.#later(this.#controls.longPollTimeoutMs, () => {
      if (this.#answeredLongPolls.has(id) || this.#openExchange.get('longpoll') !== id) return
      // Nothing arrived in time: the server answers empty and the browser asks again at once.
      this.#answeredLongPolls.add(id)
      this.#respond(
        'longpoll',
        id,
        200,
        HEAD.jsonResponseHead + batchBodyBytes(EPOCH, since, []),
        0,
      )
      this.#count('longpoll', { emptyResponses: 1 })
      this.#longPoll()
    })
  }

  #heartbeat(): void {
    if (this.#states.get('ws') === 'open') {
      this.#frame('out', new Uint8Array(), false, 0x9)
      this.#later(delay(1, 3), () => this.#frame('in', new Uint8Array(), true, 0xa))
    }
    if (this.#states.get('sse') === 'open') this.#count('sse', { bytesOut: 13 })
  }

  #arrive(transport: Transport, message: ChatMessage): void {
    this.#count(transport, { messages: 1 })
    const arrivedAt = performance.timeOrigin + performance.now()
    this.#emit({ type: 'message', transport, message, arrivedAt })
  }

  #append(user: string, text: string, kind: ChatMessage['kind']): ChatMessage {
    const message: ChatMessage = {
      seq: this.#log.length + 1,
      ts: Math.round(this.#serverNow()),
      room: 'lobby',
      kind,
      user,
      text,
    }
    this.#log.push(message)
    return message
  }

  #request(transport: Transport, target: string, bytes: number): number {
    const id = this.#nextExchangeId++
    this.#openExchange.set(transport, id)
    this.#count(transport, { bytesIn: bytes, requests: 1 })
    this.#record(transport, {
      at: this.#serverNow(),
      kind: 'request',
      id,
      method: 'GET',
      target: `${target}&client=${this.client}`,
      bytes,
    })
    return id
  }

  #respond(
    transport: Transport,
    id: number,
    status: number,
    bytes: number,
    messages: number,
  ): void {
    this.#count(transport, { bytesOut: bytes })
    this.#record(transport, {
      at: this.#serverNow(),
      kind: 'response',
      id,
      status,
      bytes,
      messages,
    })
  }

  #frame(direction: 'in' | 'out', content: unknown, masked: boolean, opcode = 0x1): void {
    const payload =
      content instanceof Uint8Array ? content : new TextEncoder().encode(JSON.stringify(content))
    const maskingKey = masked ? crypto.getRandomValues(new Uint8Array(4)) : undefined
    const bytes = encodeFrame({ opcode, payload, ...(maskingKey ? { maskingKey } : {}) })
    const at = this.#serverNow()
    const ws = this.#stats.transports.ws
    if (direction === 'in') ws.framesIn++
    else ws.framesOut++
    this.#count('ws', direction === 'in' ? { bytesIn: bytes.length } : { bytesOut: bytes.length })
    const preview = opcode === 0x1 ? new TextDecoder().decode(payload).slice(0, 60) : undefined
    this.#record('ws', {
      at,
      kind: 'ws-frame',
      id: this.#openExchange.get('ws') ?? 0,
      direction,
      opcode,
      fin: true,
      masked,
      payloadLength: payload.length,
      bytes: wsFrameBytes(payload.length, masked),
      ...(preview === undefined ? {} : { preview }),
    })
    this.#emit({ type: 'frame', direction, bytes, at })
  }

  #count(
    row: Transport | 'send',
    add: Partial<
      Record<
        'bytesIn' | 'bytesOut' | 'requests' | 'emptyResponses' | 'connections' | 'messages',
        number
      >
    >,
  ): void {
    const counters = this.#stats.transports[row]
    for (const [field, value] of Object.entries(add) as [keyof typeof add, number][]) {
      counters[field] += value
    }
  }

  #record(transport: Transport, event: ExchangeEvent): void {
    this.#exchanges.get(transport)?.push(event)
  }

  #setState(transport: Transport, state: ConnectionState): void {
    this.#states.set(transport, state)
    this.#emit({ type: 'state', transport, state })
  }

  #emitOffset(): void {
    const rttMs = delay(2.4, 4.2)
    this.#emit({
      type: 'offset',
      estimate: {
        offsetMs: DEMO_CLOCK_OFFSET_MS + delay(-0.4, 0.4),
        uncertaintyMs: rttMs / 2,
        rttMs,
        measuredAt: Date.now(),
      },
    })
  }

  #serverNow(): number {
    return performance.timeOrigin + performance.now() + DEMO_CLOCK_OFFSET_MS
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      run()
    }, ms)
    this.#timers.add(timer)
  }

  #emit(event: LabEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}
