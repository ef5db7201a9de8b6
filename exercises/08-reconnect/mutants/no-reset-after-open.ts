// Mutant: never resets the failed-attempt counter when a connection opens.
/** How long to wait before retry number `attempt` (0 = the first retry). */
export interface BackoffOptions {
  /** Delay of the first retry, in ms. */
  baseMs: number
  /** Cap on the exponential growth, in ms (jitter is applied after the cap). */
  maxMs: number
  /** Fraction of spread around the delay: 0.2 means ±20 %. */
  jitter: number
}

/** The part of a WebSocket the client uses. Messages are JSON text like '{"seq":4,"text":"oi"}'. */
export interface SocketLike {
  send(data: string): void
  close(code?: number): void
  onopen: (() => void) | null
  onmessage: ((data: string) => void) | null
  onclose: ((code: number) => void) | null
}

/** Injected timers, so tests (and browsers, and Node) can bring their own clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** A message from the server: every one carries the position `seq` in the feed (1, 2, 3, …). */
export interface ServerMessage {
  seq: number
  [field: string]: unknown
}

export type ClientState = 'connecting' | 'open' | 'waiting' | 'closed'

export interface ReconnectingClientOptions {
  /** Opens a new connection that replays every message with seq > since. */
  connect: (since: number) => SocketLike
  timers: Timers
  backoff: BackoffOptions
  /** How many retries in a row may fail before the client gives up. */
  maxRetries: number
  random?: () => number
  onMessage?: (message: ServerMessage) => void
  onGiveUp?: () => void
}

const NORMAL_CLOSURE = 1000

function parseServerMessage(data: string): ServerMessage | null {
  try {
    const value: unknown = JSON.parse(data)
    if (typeof value !== 'object' || value === null) return null
    const { seq } = value as Record<string, unknown>
    return Number.isInteger(seq) ? (value as ServerMessage) : null
  } catch {
    return null
  }
}

export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, jitter }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const capped = Math.min(maxMs, baseMs * 2 ** attempt)
  // random() is in [0, 1); 2·random() − 1 is in [−1, 1): the spread goes both ways.
  const spread = capped * jitter * (2 * random() - 1)
  return Math.round(capped + spread)
}

export class ReconnectingClient {
  #options: ReconnectingClientOptions
  #socket: SocketLike | null = null
  #state: ClientState = 'connecting'
  #lastSeq = 0
  #failedAttempts = 0
  #retryTimer: unknown = null
  #queue: string[] = []

  constructor(options: ReconnectingClientOptions) {
    this.#options = options
    this.#open()
  }

  get state(): ClientState {
    return this.#state
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  send(data: string): void {
    if (this.#state === 'closed') throw new Error('send() after the client was closed')
    if (this.#state === 'open' && this.#socket) this.#socket.send(data)
    else this.#queue.push(data)
  }

  close(): void {
    if (this.#state === 'closed') return
    this.#state = 'closed'
    if (this.#retryTimer !== null) this.#options.timers.clearTimeout(this.#retryTimer)
    this.#retryTimer = null
    const socket = this.#socket
    this.#socket = null
    socket?.close(NORMAL_CLOSURE)
  }

  #open(): void {
    this.#state = 'connecting'
    const socket = this.#options.connect(this.#lastSeq)
    this.#socket = socket
    // Events of a socket we have already left behind (after close()) must change nothing.
    const isCurrent = () => this.#socket === socket
    socket.onopen = () => {
      if (!isCurrent()) return
      this.#state = 'open'
      const queued = this.#queue
      this.#queue = []
      for (const data of queued) socket.send(data)
    }
    socket.onmessage = (data) => {
      if (!isCurrent()) return
      const message = parseServerMessage(data)
      if (!message) return
      if (message.seq <= this.#lastSeq) return // replayed twice: already delivered
      this.#lastSeq = message.seq
      this.#options.onMessage?.(message)
    }
    socket.onclose = (code) => {
      if (!isCurrent()) return
      this.#socket = null
      if (code === NORMAL_CLOSURE) {
        this.#state = 'closed'
        return
      }
      this.#scheduleRetry()
    }
  }

  #scheduleRetry(): void {
    if (this.#failedAttempts >= this.#options.maxRetries) {
      this.#state = 'closed'
      this.#options.onGiveUp?.()
      return
    }
    const { backoff, random, timers } = this.#options
    const delay = backoffDelay(this.#failedAttempts, backoff, random)
    this.#failedAttempts += 1
    this.#state = 'waiting'
    this.#retryTimer = timers.setTimeout(() => {
      this.#retryTimer = null
      this.#open()
    }, delay)
  }
}
