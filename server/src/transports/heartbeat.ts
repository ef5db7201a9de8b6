/** What the heartbeat needs of a socket (a ws `WebSocket` has it). */
export interface PingableSocket {
  ping(): void
  terminate(): void
  on(event: 'pong', listener: () => void): unknown
}

/**
 * Pings every socket each interval; a socket that has not answered the previous ping by the next
 * tick is a zombie (the peer vanished without a close) and is terminated.
 */
export class WsHeartbeat {
  readonly #alive = new Map<PingableSocket, boolean>()
  readonly #timer: NodeJS.Timeout

  constructor(readonly intervalMs: number) {
    this.#timer = setInterval(() => this.#tick(), intervalMs)
    this.#timer.unref()
  }

  add(socket: PingableSocket): void {
    this.#alive.set(socket, true)
    socket.on('pong', () => {
      if (this.#alive.has(socket)) this.#alive.set(socket, true)
    })
  }

  remove(socket: PingableSocket): void {
    this.#alive.delete(socket)
  }

  get size(): number {
    return this.#alive.size
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #tick(): void {
    for (const [socket, alive] of this.#alive) {
      if (!alive) {
        this.#alive.delete(socket)
        socket.terminate()
        continue
      }
      this.#alive.set(socket, false)
      socket.ping()
    }
  }
}

/** One heartbeat per interval in use: a client may ask for its own (`/ws?heartbeat=ms`). */
export class HeartbeatPool {
  readonly #byInterval = new Map<number, WsHeartbeat>()

  constructor(readonly defaultIntervalMs: number) {}

  get(intervalMs = this.defaultIntervalMs): WsHeartbeat {
    let heartbeat = this.#byInterval.get(intervalMs)
    if (!heartbeat) {
      heartbeat = new WsHeartbeat(intervalMs)
      this.#byInterval.set(intervalMs, heartbeat)
    }
    return heartbeat
  }

  stop(): void {
    for (const heartbeat of this.#byInterval.values()) heartbeat.stop()
    this.#byInterval.clear()
  }
}
