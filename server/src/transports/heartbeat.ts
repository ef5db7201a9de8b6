/** What the heartbeat needs of a socket (a ws `WebSocket` has it). */
export interface PingableSocket {
  ping(): void
  terminate(): void
  on(event: 'pong', listener: () => void): unknown
}

interface Beat {
  alive: boolean
  joinedAt: number
}

/**
 * Pings every socket each interval; a socket that has not answered the previous ping by the next
 * tick is a zombie (the peer vanished without a close) and is terminated. One timer serves all
 * sockets, but a socket is first pinged a whole interval after it joined, not at the next tick:
 * a new connection never sees a ping sooner than it asked for.
 */
export class WsHeartbeat {
  readonly #beats = new Map<PingableSocket, Beat>()
  readonly #timer: NodeJS.Timeout

  constructor(
    readonly intervalMs: number,
    readonly now: () => number = Date.now,
  ) {
    this.#timer = setInterval(() => this.#tick(), intervalMs)
    this.#timer.unref()
  }

  add(socket: PingableSocket): void {
    this.#beats.set(socket, { alive: true, joinedAt: this.now() })
    socket.on('pong', () => {
      const beat = this.#beats.get(socket)
      if (beat) beat.alive = true
    })
  }

  remove(socket: PingableSocket): void {
    this.#beats.delete(socket)
  }

  get size(): number {
    return this.#beats.size
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #tick(): void {
    const now = this.now()
    for (const [socket, beat] of this.#beats) {
      if (now - beat.joinedAt < this.intervalMs) continue
      if (!beat.alive) {
        this.#beats.delete(socket)
        socket.terminate()
        continue
      }
      beat.alive = false
      socket.ping()
    }
  }
}

/** One heartbeat per interval in use: a client may ask for its own (`/ws?heartbeat=ms`). */
export class HeartbeatPool {
  readonly #byInterval = new Map<number, WsHeartbeat>()

  constructor(readonly defaultIntervalMs: number) {}

  get(intervalMs: number = this.defaultIntervalMs): WsHeartbeat {
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
