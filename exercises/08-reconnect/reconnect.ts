// Exercise 08-reconnect: a client that survives dropped connections.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with: npm run grade -- 08-reconnect

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

// backoffDelay(0, { baseMs: 100, maxMs: 5000, jitter: 0 }, Math.random)     → 100
// backoffDelay(3, { baseMs: 100, maxMs: 5000, jitter: 0 }, Math.random)     → 800
// backoffDelay(10, { baseMs: 100, maxMs: 1000, jitter: 0.5 }, () => 0.75)   → 1250
//
// Traps:
// - the cap limits the exponential part (baseMs · 2^attempt); the jitter comes after it.
// - the jitter goes both ways: random() is in [0, 1), so use 2 · random() − 1.
// - round to whole milliseconds with Math.round.
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  // TODO(08-reconnect): your code here
  throw new Error(
    `TODO(08-reconnect): backoffDelay(${attempt}, ${JSON.stringify(options)}, ${random.name}) must return min(maxMs, baseMs · 2^attempt) spread by ± jitter`,
  )
}

// const client = new ReconnectingClient({ connect, timers, backoff, maxRetries: 5, onMessage })
//   → calls connect(0) at once; client.state === 'connecting'
// socket.onclose(1006) → client.state === 'waiting'; a timer of backoffDelay(0, …) is pending
// timer fires          → connect(client.lastSeq); client.state === 'connecting'
//
// Suggested private state: the current socket, lastSeq, failed attempts in a row, the retry
// timer handle, the queue of unsent data.
//
// Traps:
// - 1000 is a normal close: the server meant it, do not reconnect.
// - reconnect with connect(lastSeq), not connect(0), or the user sees the feed twice.
// - a message whose seq is <= lastSeq is a replay: drop it; one without an integer seq too.
//   A seq that skips ahead (5 after 2) is delivered.
// - reset the failed-attempt counter when a socket opens, not when connect() is called.
// - flush the queue in the order of send(), on open, before anything sent later.
// - close() must cancel a pending timer, close a socket even while it is connecting, and ignore
//   every later event (open, message, close) of the socket it left behind.
// - once the state is 'closed' (close(), a 1000, giving up), send() throws.
export class ReconnectingClient {
  constructor(options: ReconnectingClientOptions) {
    // TODO(08-reconnect): your code here
    throw new Error(
      `TODO(08-reconnect): store the options (maxRetries ${options.maxRetries}) and call connect(0)`,
    )
  }

  get state(): ClientState {
    // TODO(08-reconnect): your code here
    throw new Error("TODO(08-reconnect): return 'connecting', 'open', 'waiting' or 'closed'")
  }

  get lastSeq(): number {
    // TODO(08-reconnect): your code here
    throw new Error(
      'TODO(08-reconnect): return the highest seq delivered to onMessage (0 before any)',
    )
  }

  // client.send('oi') → socket.send('oi') if open, else queued until the next open
  send(data: string): void {
    // TODO(08-reconnect): your code here
    throw new Error(
      `TODO(08-reconnect): send ${JSON.stringify(data)} now or queue it; throw after close()`,
    )
  }

  // client.close() → socket.close(1000), no timer left, state 'closed', never reconnects
  close(): void {
    // TODO(08-reconnect): your code here
    throw new Error('TODO(08-reconnect): cancel the retry timer, close the socket with 1000, stop')
  }
}
