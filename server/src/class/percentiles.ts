import { percentile } from '../../../web/src/lib/latency-stats.ts'

export interface Percentiles {
  p50: number | null
  p95: number | null
  p99: number | null
}

/**
 * p50/p95/p99 of many pages' samples together, by the same nearest-rank rule the page uses for its
 * own: the class's distribution, not an average of the pages' percentiles.
 */
export function percentilesOf(samples: readonly number[]): Percentiles {
  // A typed array sorts numbers natively: a class's 30 s window is tens of thousands of samples,
  // ranked every second for the dashboard.
  const sorted = Float64Array.from(samples).sort()
  const pick = (p: number) => percentile(sorted, p) ?? null
  return { p50: pick(50), p95: pick(95), p99: pick(99) }
}
