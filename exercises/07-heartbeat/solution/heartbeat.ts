/** What the heartbeat needs from a socket: the part of a `ws` WebSocket it uses. */
export interface HeartbeatSocket {
  ping(): void
  terminate(): void
  on(event: 'pong', listener: () => void): unknown
}

/** The longest delay setInterval keeps: 2 ** 31 - 1 ms, about 24.8 days. */
const MAX_INTERVAL_MS = 2 ** 31 - 1

/**
 * Finds dead connections: every `intervalMs` each socket that has not answered (pong) since the
 * previous tick is terminated and dropped, and every other socket is pinged.
 */
export class Heartbeat {
  readonly #intervalMs: number
  /** Each socket, and whether it has answered since the last ping. */
  #answered = new Map<HeartbeatSocket, boolean>()
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(intervalMs: number) {
    // setInterval turns a delay above 2 ** 31 - 1 ms (Infinity included) into 1 ms.
    if (!(intervalMs > 0 && intervalMs <= MAX_INTERVAL_MS)) {
      throw new RangeError(
        `intervalMs must be a positive number of milliseconds up to ${MAX_INTERVAL_MS}, got ${intervalMs}`,
      )
    }
    this.#intervalMs = intervalMs
  }

  get size(): number {
    return this.#answered.size
  }

  add(socket: HeartbeatSocket): void {
    if (this.#answered.has(socket)) return
    // It just finished its handshake: that counts as an answer, so the first tick pings it.
    this.#answered.set(socket, true)
    socket.on('pong', () => {
      // There is no way to unsubscribe: a removed socket's late pong must not bring it back.
      if (this.#answered.has(socket)) this.#answered.set(socket, true)
    })
  }

  remove(socket: HeartbeatSocket): void {
    this.#answered.delete(socket)
  }

  start(): void {
    if (this.#timer !== undefined) return
    this.#timer = setInterval(() => this.#tick(), this.#intervalMs)
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  #tick(): void {
    for (const [socket, answered] of this.#answered) {
      if (!answered) {
        // Silent for a whole interval: no close handshake, it would not be answered either.
        this.#answered.delete(socket)
        socket.terminate()
        continue
      }
      this.#answered.set(socket, false)
      socket.ping()
    }
  }
}
