// Mutant: start() does not check for a running timer, so calling it twice ticks twice per interval.
/** What the heartbeat needs from a socket: the part of a `ws` WebSocket it uses. */
export interface HeartbeatSocket {
  ping(): void
  terminate(): void
  on(event: 'pong', listener: () => void): unknown
}

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
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new RangeError(
        `intervalMs must be a positive number of milliseconds, got ${intervalMs}`,
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
