/** Latencies past this land in the last bucket (they are reported as "≥ 60000 ms"). */
const MAX_MS = 60_000

/**
 * Every latency of a step, counted in 1 ms buckets (the resolution of `Date.now()`, which both
 * ends use): percentiles are exact to the millisecond however many messages arrive, in 240 KiB.
 */
export class LatencyHistogram {
  readonly counts = new Uint32Array(MAX_MS + 1)
  total = 0

  add(latencyMs: number): void {
    // Same clock on both ends: below zero can only be rounding of the two readings.
    const bucket = Math.min(MAX_MS, Math.max(0, Math.round(latencyMs)))
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1
    this.total++
  }

  /** The smallest latency (ms) that `p` percent of the samples do not exceed; NaN when empty. */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN
    const rank = Math.max(1, Math.ceil((p / 100) * this.total))
    let seen = 0
    for (let ms = 0; ms <= MAX_MS; ms++) {
      seen += this.counts[ms] ?? 0
      if (seen >= rank) return ms
    }
    return MAX_MS
  }

  /** Non-empty buckets as `[ms, count]` pairs, for results.json and the charts. */
  sparse(): [number, number][] {
    const pairs: [number, number][] = []
    this.counts.forEach((count, ms) => {
      if (count > 0) pairs.push([ms, count])
    })
    return pairs
  }
}

/** Cumulative share (0–1) at each bucket of a sparse histogram. */
export function cdf(sparse: [number, number][]): [number, number][] {
  const total = sparse.reduce((sum, [, count]) => sum + count, 0)
  let seen = 0
  return sparse.map(([ms, count]) => {
    seen += count
    return [ms, seen / total]
  })
}
