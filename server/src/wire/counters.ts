import {
  METER_CATEGORIES,
  type MeterCategory,
  type StatsSnapshot,
  type TransportStats,
  type WsStats,
} from '../protocol.ts'

export type CounterName = keyof WsStats

/** One transport's counters, all zero. */
export function zeroStats(): TransportStats {
  return {
    bytesIn: 0,
    bytesOut: 0,
    requests: 0,
    emptyResponses: 0,
    connections: 0,
    messages: 0,
    slowDrops: 0,
  }
}

/** The counters of one client (or of everyone): one set of figures per meter category. */
export class CategoryCounters {
  since: number
  transports: StatsSnapshot['transports']

  constructor(now: number) {
    this.since = now
    this.transports = CategoryCounters.#zero()
  }

  add(category: MeterCategory, name: CounterName, amount: number): void {
    if (amount === 0) return
    const stats = this.transports[category] as unknown as Record<string, number>
    if (name in stats) stats[name] = (stats[name] ?? 0) + amount
  }

  /** One message sent in one frame: the fan-out's count, kept to two increments. */
  addMessageFrame(category: MeterCategory): void {
    const stats = this.transports[category] as WsStats
    stats.messages += 1
    stats.framesOut += 1
  }

  reset(now: number): void {
    this.since = now
    this.transports = CategoryCounters.#zero()
  }

  snapshot(client?: string): StatsSnapshot {
    const transports = structuredClone(this.transports)
    return client === undefined
      ? { since: this.since, transports }
      : { since: this.since, client, transports }
  }

  static #zero(): StatsSnapshot['transports'] {
    const entries = METER_CATEGORIES.map((category) => [category, zeroStats()])
    const transports = Object.fromEntries(entries) as StatsSnapshot['transports']
    transports.ws = zeroSocketStats()
    transports.socketio = zeroSocketStats()
    return transports
  }
}

/** The counters of a transport that upgrades to WebSocket: handshake and frames apart. */
function zeroSocketStats(): WsStats {
  return { ...zeroStats(), handshakeBytesIn: 0, handshakeBytesOut: 0, framesIn: 0, framesOut: 0 }
}
