import {
  type NetworkBody,
  type NetworkConditions,
  NO_CONDITIONS,
  type RoomNetwork,
  type Transport,
} from '../protocol.ts'
import { ClientAddresses } from './client-addresses.ts'
import { ShapingProxy } from './shaping-proxy.ts'

/** Proxies the whole server may run (rooms × transports, draining ones included). */
export const MAX_PROXIES = 32
/** A cleared transport's proxy closes when its last connection does, or after this long. */
const DRAIN_MAX_MS = 30_000

/** More proxies than the server allows. */
export class TooManyProxiesError extends Error {
  override name = 'TooManyProxiesError'

  constructor(max: number) {
    super(
      `the server already shapes ${max} transports (rooms × transports, a cleared one counts until its connections are gone); clear one first`,
    )
  }
}

/** The conditions a change leaves, or a sentence naming what is wrong with them. */
export function applyChange(
  current: NetworkConditions,
  change: Omit<NetworkBody, 'room' | 'transport'>,
): NetworkConditions | string {
  if (change.clear) return { ...NO_CONDITIONS }
  const { clear: _, ...fields } = change
  const next = { ...current, ...fields }
  if (next.jitterMs > next.delayMs) {
    return `jitterMs (${next.jitterMs}) must be at most delayMs (${next.delayMs}): a delay cannot go below zero`
  }
  return next
}

export const isClear = (conditions: NetworkConditions): boolean =>
  conditions.delayMs === 0 &&
  conditions.jitterMs === 0 &&
  conditions.bandwidthKbps === 0 &&
  conditions.dropPerMinute === 0 &&
  !conditions.offline

type Listener = (network: RoomNetwork) => void

export interface RoomNetworksOptions {
  /** Where the proxies listen: the server's host. */
  host: string
  /** Where the server listens (known once it does). */
  target: () => { host: string; port: number }
  max?: number
  /** Proxies in front whose `X-Forwarded-For` names the client (`--trust-proxy`). */
  trustProxy?: readonly string[]
}

/**
 * The network conditions of each room, one shaping proxy per shaped transport, made on demand.
 * Every page of a room is told of each change and routes that transport through the proxy.
 */
export class RoomNetworks {
  readonly addresses: ClientAddresses
  readonly #rooms = new Map<string, Map<Transport, ShapingProxy>>()
  /** Cleared, waiting for their last connections. */
  readonly #draining = new Set<ShapingProxy>()
  readonly #listeners = new Set<Listener>()
  readonly #options: RoomNetworksOptions
  /** Cuts by proxies already closed (for /metrics). */
  #pastCuts = 0
  #closed = false
  /** Transports offline for a while (`offlineForMs`), by `room\0transport`. */
  readonly #backOnline = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(options: RoomNetworksOptions) {
    this.#options = options
    this.addresses = new ClientAddresses(options.trustProxy)
  }

  get(room: string): RoomNetwork {
    const shaped: RoomNetwork['shaped'] = {}
    for (const [transport, proxy] of this.#rooms.get(room) ?? []) {
      shaped[transport] = { ...proxy.conditions, port: proxy.port }
    }
    return { room, shaped }
  }

  /**
   * Sets a transport's conditions; clear ones stop shaping it. `backOnlineAfterMs`: the server
   * brings it back online after that long, whichever page is still open (null: cancel such a
   * timer; undefined: leave it running).
   */
  async set(
    room: string,
    transport: Transport,
    conditions: NetworkConditions,
    backOnlineAfterMs?: number | null,
  ): Promise<RoomNetwork> {
    if (backOnlineAfterMs !== undefined)
      this.#scheduleBackOnline(room, transport, backOnlineAfterMs)
    const proxies = this.#rooms.get(room) ?? new Map<Transport, ShapingProxy>()
    const proxy = proxies.get(transport)
    if (isClear(conditions)) {
      if (proxy) this.#drain(room, transport, proxy)
    } else if (proxy) {
      proxy.set(conditions)
    } else {
      if (this.#closed) throw new Error('the server is closing')
      const max = this.#options.max ?? MAX_PROXIES
      if (this.proxyCount >= max) throw new TooManyProxiesError(max)
      const created = new ShapingProxy({
        target: this.#options.target(),
        host: this.#options.host,
        conditions,
        addresses: this.addresses,
      })
      proxies.set(transport, created)
      this.#rooms.set(room, proxies)
      try {
        await created.listen()
      } catch (error) {
        proxies.delete(transport)
        throw error
      }
    }
    const network = this.get(room)
    for (const listener of this.#listeners) listener(network)
    return network
  }

  /** Proxies running now, draining ones included. */
  get proxyCount(): number {
    let count = this.#draining.size
    for (const proxies of this.#rooms.values()) count += proxies.size
    return count
  }

  /** Connections cut by drops and offline, since the server started. */
  get cuts(): number {
    let cuts = this.#pastCuts
    for (const proxy of this.#all()) cuts += proxy.counters.cuts
    return cuts
  }

  /** True when `port` is one of the proxies' (a page reaching the server through one). */
  isProxyPort(port: number): boolean {
    for (const proxy of this.#all()) if (proxy.port === port) return true
    return false
  }

  /** Calls `listener` on every change of any room's conditions; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async closeAll(): Promise<void> {
    this.#closed = true
    for (const timer of this.#backOnline.values()) clearTimeout(timer)
    this.#backOnline.clear()
    const proxies = [...this.#all()]
    this.#rooms.clear()
    this.#draining.clear()
    await Promise.all(proxies.map((proxy) => proxy.close()))
  }

  #scheduleBackOnline(room: string, transport: Transport, afterMs: number | null): void {
    const key = `${room}\u0000${transport}`
    clearTimeout(this.#backOnline.get(key))
    this.#backOnline.delete(key)
    if (afterMs === null) return
    const timer = setTimeout(() => {
      this.#backOnline.delete(key)
      const current = this.get(room).shaped[transport]
      if (!current?.offline || this.#closed) return
      const { port: _, ...conditions } = current
      this.set(room, transport, { ...conditions, offline: false }).catch((error: unknown) => {
        console.error(`network: ${room} ${transport} could not come back online:`, error)
      })
    }, afterMs)
    timer.unref()
    this.#backOnline.set(key, timer)
  }

  *#all(): Iterable<ShapingProxy> {
    yield* this.#draining
    for (const proxies of this.#rooms.values()) yield* proxies.values()
  }

  /**
   * The pages are told to go straight to the server; the connections still on the proxy pass
   * unshaped until they end, and the proxy closes after the last (or after DRAIN_MAX_MS).
   */
  #drain(room: string, transport: Transport, proxy: ShapingProxy): void {
    const proxies = this.#rooms.get(room)
    proxies?.delete(transport)
    if (proxies?.size === 0) this.#rooms.delete(room)
    proxy.set(NO_CONDITIONS)
    this.#draining.add(proxy)
    const deadline = setTimeout(() => finish(), DRAIN_MAX_MS)
    deadline.unref()
    const finish = () => {
      clearTimeout(deadline)
      if (!this.#draining.delete(proxy)) return
      this.#pastCuts += proxy.counters.cuts
      void proxy.close()
    }
    void proxy.whenIdle().then(finish)
  }
}
