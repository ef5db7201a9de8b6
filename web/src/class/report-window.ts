import type { Transport } from '../lib/exchange.ts'
import type { LatencySample } from '../lib/latency-stats.ts'
import { MAX_REPORT_SAMPLES } from './class-contract.ts'

/** What a report reads its samples from: the page's own latency store, as the panels show it. */
export interface SampleSource {
  samples(transport: Transport): LatencySample[]
  /** Every sample ever added, those the store has since let go included. */
  totalCount(transport: Transport): number
}

/**
 * Which samples the next report carries: those taken since the last report, at most `limit`, the
 * newest. A store cleared in between (a reset) starts the count again from zero.
 */
export class ReportWindow {
  readonly limit: number
  #reported = new Map<Transport, number>()

  constructor(limit = MAX_REPORT_SAMPLES) {
    this.limit = limit
  }

  take(transport: Transport, source: SampleSource): number[] {
    const total = source.totalCount(transport)
    const reported = this.#reported.get(transport) ?? 0
    this.#reported.set(transport, total)
    const fresh = total >= reported ? total - reported : total
    if (fresh === 0) return []
    return source
      .samples(transport)
      .slice(-Math.min(fresh, this.limit))
      .map((sample) => sample.ms)
  }

  /** The store was cleared: everything in it from now on is new. */
  reset(): void {
    this.#reported.clear()
  }
}
