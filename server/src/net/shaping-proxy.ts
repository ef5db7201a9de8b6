import { once } from 'node:events'
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'
import { type NetworkConditions, NO_CONDITIONS } from '../protocol.ts'
import type { ClientAddresses } from './client-addresses.ts'
import { ProxiedConnection } from './proxied-connection.ts'

/** What a proxy has done since it started. */
export interface ProxyCounters {
  /** Connections accepted and passed on. */
  connections: number
  /** Open now. */
  open: number
  /** Connections cut by a drop or by going offline. */
  cuts: number
  /** Connections refused while offline. */
  refused: number
  /** Bytes passed client → server and server → client. */
  bytesUp: number
  bytesDown: number
  /** Bytes read from one side and not yet written to the other, now. */
  queuedBytes: number
}

export interface ShapingProxyOptions {
  /** Where the real server listens. */
  target: { host: string; port: number }
  /** Where the proxy listens (on port 0: a free one). */
  host: string
  conditions?: NetworkConditions
  /** Where the proxy notes whose connection each of its own connections carries. */
  addresses?: ClientAddresses
  random?: () => number
}

/**
 * A TCP proxy that shapes what it passes: delay, jitter, bandwidth, random drops, offline. It
 * copies bytes and nothing else, so HTTP, WebSocket and TLS cross it unchanged and the server's
 * meter still counts exactly what the client sent and received. Conditions apply at once, to the
 * connections already open too.
 */
export class ShapingProxy {
  readonly #server: Server
  readonly #options: ShapingProxyOptions
  readonly #connections = new Set<ProxiedConnection>()
  readonly #random: () => number
  #conditions: NetworkConditions
  #counters = { connections: 0, cuts: 0, refused: 0, bytesUp: 0, bytesDown: 0 }
  #idle = new Set<() => void>()

  constructor(options: ShapingProxyOptions) {
    this.#options = options
    this.#random = options.random ?? Math.random
    this.#conditions = { ...(options.conditions ?? NO_CONDITIONS) }
    this.#server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
      this.#accept(socket),
    )
  }

  /** Starts listening; resolves with the port. */
  async listen(): Promise<number> {
    this.#server.listen(0, this.#options.host)
    await once(this.#server, 'listening')
    return this.port
  }

  get port(): number {
    return (this.#server.address() as AddressInfo | null)?.port ?? 0
  }

  get conditions(): NetworkConditions {
    return { ...this.#conditions }
  }

  get counters(): ProxyCounters {
    let bytesUp = this.#counters.bytesUp
    let bytesDown = this.#counters.bytesDown
    let queuedBytes = 0
    for (const { up, down } of this.#connections) {
      bytesUp += up.delivered
      bytesDown += down.delivered
      queuedBytes += up.queuedBytes + down.queuedBytes
    }
    return { ...this.#counters, open: this.#connections.size, bytesUp, bytesDown, queuedBytes }
  }

  /** New conditions, for the connections open now as for the next ones. */
  set(conditions: NetworkConditions): void {
    this.#conditions = { ...conditions }
    for (const connection of [...this.#connections]) {
      if (conditions.offline) this.#cut(connection)
      else this.#planDrop(connection)
    }
  }

  /** Resolves once no connection is open (at once when none is). */
  whenIdle(): Promise<void> {
    if (this.#connections.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.add(resolve))
  }

  /** Stops listening and cuts every connection it opened. */
  async close(): Promise<void> {
    const closed = new Promise((resolve) => this.#server.close(resolve))
    for (const connection of [...this.#connections]) connection.cut()
    await Promise.all([closed, this.whenIdle()])
  }

  #accept(client: Socket): void {
    client.on('error', () => {})
    if (this.#conditions.offline) {
      this.#counters.refused++
      client.resetAndDestroy()
      return
    }
    const { host, port } = this.#options.target
    const upstream = connect({ host, port, allowHalfOpen: true, noDelay: true })
    const clientAddress = client.remoteAddress ?? 'unknown'
    let forget = () => {}
    // The tick after connect(): the socket has its local port, and the server has not accepted yet.
    process.nextTick(() => {
      if (!upstream.destroyed)
        forget = this.#options.addresses?.note(upstream, clientAddress) ?? forget
    })
    this.#counters.connections++
    const connection = new ProxiedConnection(
      client,
      upstream,
      () => this.#conditions,
      () => {
        forget()
        this.#closed(connection)
      },
      this.#random,
    )
    this.#connections.add(connection)
    this.#planDrop(connection)
  }

  #closed(connection: ProxiedConnection): void {
    if (!this.#connections.delete(connection)) return
    this.#counters.bytesUp += connection.up.delivered
    this.#counters.bytesDown += connection.down.delivered
    if (this.#connections.size > 0) return
    for (const resolve of this.#idle) resolve()
    this.#idle.clear()
  }

  #cut(connection: ProxiedConnection): void {
    this.#counters.cuts++
    connection.cut()
  }

  /** Drops are memoryless (exponential waits), so a new rate can simply draw again. */
  #planDrop(connection: ProxiedConnection): void {
    const perMinute = this.#conditions.dropPerMinute
    const waitMs = perMinute > 0 ? (-Math.log(1 - this.#random()) * 60_000) / perMinute : undefined
    connection.planCut(waitMs, () => this.#counters.cuts++)
  }
}
