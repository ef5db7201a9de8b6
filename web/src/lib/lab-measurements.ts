import { messageLatencyMs, type OffsetEstimate } from './clock-offset.ts'
import { TRANSPORTS, type Transport } from './exchange.ts'
import type { TransportTotals } from './export.ts'
import { type LatencySample, LatencyStore } from './latency-stats.ts'
import { deriveWireFigures, utf8Length, type WireStats } from './wire-stats.ts'

/** Everything the page measures, per transport, independent of how it is shown. */
export class LabMeasurements {
  readonly latency: LatencyStore
  #textBytes = new Map<Transport, number>()
  #reconnects = new Map<Transport, number>()
  #stats: WireStats | null = null
  #offset: OffsetEstimate | null = null

  constructor(samplesPerTransport = 2000) {
    this.latency = new LatencyStore(samplesPerTransport)
  }

  get offset(): OffsetEstimate | null {
    return this.#offset
  }

  set offset(estimate: OffsetEstimate | null) {
    this.#offset = estimate
  }

  set wireStats(stats: WireStats) {
    this.#stats = stats
  }

  /**
   * Records a delivered message and returns its latency, or null while no clock offset is known
   * (a latency across two unrelated clocks would be meaningless, so none is recorded).
   */
  recordDelivery(
    transport: Transport,
    message: { seq: number; ts: number; text: string },
    arrivedAt: number,
  ): number | null {
    this.#textBytes.set(transport, (this.#textBytes.get(transport) ?? 0) + utf8Length(message.text))
    if (!this.#offset) return null
    const latencyMs = messageLatencyMs(arrivedAt, this.#offset.offsetMs, message.ts)
    this.latency.add(transport, { seq: message.seq, arrivedAt, latencyMs })
    return latencyMs
  }

  recordReconnect(transport: Transport): void {
    this.#reconnects.set(transport, (this.#reconnects.get(transport) ?? 0) + 1)
  }

  /** Messages the meter saw delivered on this transport (0 before the first stats). */
  deliveredMessages(transport: Transport): number {
    return this.#stats?.transports[transport].messages ?? 0
  }

  samples(transport: Transport): LatencySample[] {
    return this.latency.samples(transport)
  }

  totals(): TransportTotals[] {
    return TRANSPORTS.map((transport) => {
      const counters = this.#stats?.transports[transport]
      return {
        transport,
        latency: this.latency.summary(transport),
        wire: counters
          ? deriveWireFigures(counters, {
              messageTextBytes: this.#textBytes.get(transport) ?? 0,
              reconnects: this.#reconnects.get(transport) ?? 0,
            })
          : null,
      }
    })
  }
}
