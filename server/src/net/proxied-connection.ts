import type { Socket } from 'node:net'
import { type LinkShape, ShapedLink } from './shaped-link.ts'

/**
 * One client connection through a shaping proxy: the client's socket, the proxy's socket to the
 * server, and a shaped link each way. An end (FIN) crosses the link after the bytes before it; an
 * error or a reset on either side cuts both.
 */
export class ProxiedConnection {
  readonly client: Socket
  readonly upstream: Socket
  /** Client → server. */
  readonly up: ShapedLink
  /** Server → client. */
  readonly down: ShapedLink
  #finished = false
  #dropTimer: NodeJS.Timeout | undefined

  constructor(
    client: Socket,
    upstream: Socket,
    shape: () => LinkShape,
    onClosed: () => void,
    random = Math.random,
  ) {
    this.client = client
    this.upstream = upstream
    this.up = new ShapedLink(client, upstream, shape, random)
    this.down = new ShapedLink(upstream, client, shape, random)
    for (const [side, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      side.on('error', () => {})
      side.once('close', (hadError) => {
        // Closed without its end having been read: an abrupt close, passed on as one.
        if (hadError || !side.readableEnded) this.cut()
        else if (other.writableFinished) other.destroy()
        // Not by counting 'close' events: a socket destroyed while it still connects may never
        // emit one.
        if (client.destroyed && upstream.destroyed && !this.#finished) {
          this.#finished = true
          clearTimeout(this.#dropTimer)
          onClosed()
        }
      })
    }
  }

  /** Destroys both sides at once, whatever is queued (a dropped connection, going offline). */
  cut(): void {
    clearTimeout(this.#dropTimer)
    this.up.stop()
    this.down.stop()
    for (const socket of [this.client, this.upstream]) {
      if (socket.destroyed) continue
      // A reset: what the other end of a broken link sees (a socket still connecting has
      // nothing to reset, and would wait for its connection to send one).
      if (socket.connecting) socket.destroy()
      else socket.resetAndDestroy()
    }
  }

  /** Cuts the connection after `ms` (replacing a cut planned before); undefined: never. */
  planCut(ms: number | undefined, onCut: () => void): void {
    clearTimeout(this.#dropTimer)
    if (ms === undefined) return
    this.#dropTimer = setTimeout(() => {
      onCut()
      this.cut()
    }, ms)
    this.#dropTimer.unref()
  }
}
