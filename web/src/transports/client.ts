import type { ConnectionState, LabControls } from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import type { FeedCursor } from './feed-cursor.ts'

/** What a transport client tells the page. */
export interface TransportEvents {
  /** `retryInMs`: while reconnecting, the backoff the client drew before it tries again. */
  state(state: ConnectionState, retryInMs?: number): void
  /**
   * `arrivedAt`: client ms on the page's monotonic clock. `liveSince`: client ms when the
   * connection that delivered it began (its first request after a start or a failure): a message
   * older than that arrived as backlog, not at the transport's own pace.
   */
  message(message: ChatMessage, arrivedAt: number, liveSince: number): void
  /** The instance that served the last answer or the open connection (with a shared store). */
  instance(name: string): void
}

/** Where a transport client connects and how. */
export interface TransportSetup {
  /**
   * Where the transport connects: '' for the page's own server, or a shaping proxy of it
   * (`http://same-host:port`, another origin: requests then go with credentials, for the cookie).
   */
  base: string
  room: string
  client: string
  cursor: FeedCursor
  controls: LabControls
  events: TransportEvents
}

/** One of the four ways of following the room, as the page runs it. */
export interface TransportClient {
  start(): void
  stop(): void
  configure(controls: LabControls): void
}

// performance.now() is monotonic; it is the clock the offset estimate uses too.
export const arrivalClock = (): number => performance.timeOrigin + performance.now()

export function apiUrl(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params)}`
}

/** The page's own server, on another port (a shaping proxy's): same scheme, same host. */
export function serverOnPort(port: number): string {
  return `${location.protocol}//${location.hostname}:${port}`
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Exponential backoff with ± jitter, so a class of clients does not reconnect in lockstep. */
export function backoffDelay(
  attempt: number,
  random = Math.random,
  baseMs = 500,
  maxMs = 10_000,
  jitter = 0.3,
): number {
  const capped = Math.min(maxMs, baseMs * 2 ** attempt)
  return Math.round(capped * (1 + jitter * (2 * random() - 1)))
}
