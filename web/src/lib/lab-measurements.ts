import type { OffsetEstimate } from './clock-offset.ts'
import { type Arrival, classifyDelivery, type Delivery } from './delivery.ts'
import { TRANSPORTS, type Transport } from './exchange.ts'
import type { TransportTotals } from './export.ts'
import { type LatencySample, LatencyStore } from './latency-stats.ts'
import { deriveWireFigures, utf8Length, type WireStats } from './wire-stats.ts'

/** Sends remembered for their round trip; older ones have come back on every transport or never will. */
const MAX_REMEMBERED_SENDS = 1000

/** Everything the page measures, per transport, independent of how it is shown. */
export class LabMeasurements {
  /** Other people's messages: server `ts` → arrival, across the two clocks. */
  readonly oneWay: LatencyStore
  /** This page's own messages: send → back, on one clock. */
  readonly roundTrip: LatencyStore
  #caughtUp = new Map<Transport, number>()
  #textBytes = new Map<Transport, number>()
  #reconnects = new Map<Transport, number>()
  #received = new Map<Transport, number>()
  #sentAt = new Map<string, number>()
  #stats: WireStats | null = null
  #offset: OffsetEstimate | null = null

  constructor(samplesPerTransport = 2000) {
    this.oneWay = new LatencyStore(samplesPerTransport)
    this.roundTrip = new LatencyStore(samplesPerTransport)
  }

  get offset(): OffsetEstimate | null {
    return this.#offset
  }

  set offset(estimate: OffsetEstimate | null) {
    this.#offset = estimate
  }

  get wireStats(): WireStats | null {
    return this.#stats
  }

  set wireStats(stats: WireStats | null) {
    this.#stats = stats
  }

  /** This page sent a message (client clock): its arrivals will count as round trips. */
  noteSent(clientMsgId: string, sentAt: number): void {
    this.#sentAt.set(clientMsgId, sentAt)
    if (this.#sentAt.size > MAX_REMEMBERED_SENDS) {
      const oldest = this.#sentAt.keys().next().value
      if (oldest !== undefined) this.#sentAt.delete(oldest)
    }
  }

  /** Records one message's arrival on one transport and says how it counted. */
  recordDelivery(
    transport: Transport,
    message: { seq: number; ts: number; text: string; clientMsgId?: string | undefined },
    arrival: Omit<Arrival, 'ts' | 'sentAt'>,
  ): Delivery {
    this.#received.set(transport, this.received(transport) + 1)
    this.#textBytes.set(transport, (this.#textBytes.get(transport) ?? 0) + utf8Length(message.text))
    const sentAt =
      message.clientMsgId === undefined ? undefined : this.#sentAt.get(message.clientMsgId)
    const delivery = classifyDelivery({ ...arrival, ts: message.ts, sentAt }, this.#offset)
    const sample = (ms: number, atMost: boolean): LatencySample => ({
      seq: message.seq,
      arrivedAt: arrival.arrivedAt,
      ms,
      atMost,
    })
    switch (delivery.kind) {
      case 'round-trip':
        this.roundTrip.add(transport, sample(delivery.ms, false))
        break
      case 'one-way':
        this.oneWay.add(transport, sample(delivery.ms, delivery.atMost))
        break
      case 'caught-up':
        this.#caughtUp.set(transport, this.caughtUp(transport) + 1)
        break
    }
    return delivery
  }

  recordReconnect(transport: Transport): void {
    this.#reconnects.set(transport, this.reconnects(transport) + 1)
  }

  /** Times the transport's client lost its connection and tried again. */
  reconnects(transport: Transport): number {
    return this.#reconnects.get(transport) ?? 0
  }

  /** Messages the transport delivered live (history excluded), caught-up ones included. */
  received(transport: Transport): number {
    return this.#received.get(transport) ?? 0
  }

  /** Messages that arrived as backlog, apart from the latency samples. */
  caughtUp(transport: Transport): number {
    return this.#caughtUp.get(transport) ?? 0
  }

  /** Messages the meter saw delivered on this transport (0 before the first stats). */
  deliveredMessages(transport: Transport): number {
    return this.#stats?.transports[transport].messages ?? 0
  }

  /** Starts every figure from zero (the page also zeroes its meter on the server). */
  reset(): void {
    this.oneWay.clear()
    this.roundTrip.clear()
    this.#caughtUp.clear()
    this.#textBytes.clear()
    this.#reconnects.clear()
    this.#received.clear()
    this.#stats = null
  }

  totals(): TransportTotals[] {
    return TRANSPORTS.map((transport) => {
      const counters = this.#stats?.transports[transport]
      return {
        transport,
        latency: this.oneWay.summary(transport),
        roundTrip: this.roundTrip.summary(transport),
        caughtUp: this.caughtUp(transport),
        wire: counters
          ? deriveWireFigures(counters, {
              messageTextBytes: this.#textBytes.get(transport) ?? 0,
              reconnects: this.reconnects(transport),
            })
          : null,
      }
    })
  }
}
