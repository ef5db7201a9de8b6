import type { Transport } from './exchange.ts'
import { RingBuffer } from './ring-buffer.ts'

/**
 * A latency figure. `atMost` marks an upper bound: the true value is somewhere in [0, ms], because
 * the measurement fell inside the clock offset's uncertainty (shown as "≤ 2.1 ms").
 */
export interface LatencyFigure {
  ms: number
  atMost: boolean
}

/** One delivered message's latency, as measured on arrival. */
export interface LatencySample extends LatencyFigure {
  seq: number
  /** Client clock, ms since epoch. */
  arrivedAt: number
}

export interface LatencySummary {
  count: number
  /** Samples that are only an upper bound (inside the clock's uncertainty). */
  atMostCount: number
  min: LatencyFigure
  max: LatencyFigure
  mean: LatencyFigure
  p50: LatencyFigure
  p95: LatencyFigure
  p99: LatencyFigure
}

export interface HistogramBin {
  fromMs: number
  toMs: number
  count: number
}

/**
 * Nearest-rank percentile: the smallest sample such that at least p % of the samples are ≤ it,
 * i.e. the value at rank ⌈p/100 × n⌉ (1-based) of the ascending list. Always a real sample, never
 * an interpolation. `undefined` for no samples.
 */
export function percentile<T>(sortedAscending: ArrayLike<T>, p: number): T | undefined {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`)
  const n = sortedAscending.length
  if (n === 0) return undefined
  const rank = Math.max(1, Math.ceil((p / 100) * n))
  return sortedAscending[rank - 1]
}

const figure = (sample: LatencyFigure): LatencyFigure => ({ ms: sample.ms, atMost: sample.atMost })

/**
 * Percentiles of figures that may be upper bounds: samples are ranked by their value (a bound by
 * its bound), so a percentile that lands on a bound is itself a bound, and says so.
 */
export function summarize(samples: readonly LatencyFigure[]): LatencySummary | null {
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a.ms - b.ms)
  const sum = sorted.reduce((total, sample) => total + sample.ms, 0)
  const atMostCount = sorted.filter((sample) => sample.atMost).length
  const pick = (p: number) => figure(percentile(sorted, p) as LatencyFigure)
  return {
    count: sorted.length,
    atMostCount,
    min: figure(sorted[0] as LatencyFigure),
    max: figure(sorted[sorted.length - 1] as LatencyFigure),
    mean: { ms: sum / sorted.length, atMost: atMostCount > 0 },
    p50: pick(50),
    p95: pick(95),
    p99: pick(99),
  }
}

const NICE_STEPS = [1, 2, 5]

/** The smallest 1-2-5 bin width that covers [min, max] in at most `maxBins` bins. */
export function niceBinWidth(min: number, max: number, maxBins: number): number {
  const span = Math.max(max - min, 1)
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of NICE_STEPS) {
      const width = step * magnitude
      if (Math.floor(max / width) - Math.floor(min / width) + 1 <= maxBins) return width
      if (width > span * 10) return width
    }
  }
}

/** Equal-width bins aligned to multiples of the width; each bin is [fromMs, toMs). */
export function histogram(samples: readonly number[], maxBins = 20): HistogramBin[] {
  if (samples.length === 0) return []
  const min = Math.min(...samples)
  const max = Math.max(...samples)
  const width = niceBinWidth(min, max, maxBins)
  const first = Math.floor(min / width)
  const bins: HistogramBin[] = []
  for (let index = first; index <= Math.floor(max / width); index++) {
    bins.push({ fromMs: index * width, toMs: (index + 1) * width, count: 0 })
  }
  for (const value of samples) {
    const bin = bins[Math.floor(value / width) - first]
    if (bin) bin.count++
  }
  return bins
}

/** The last `capacityPerTransport` latency samples of each transport. */
export class LatencyStore {
  #rings = new Map<Transport, RingBuffer<LatencySample>>()
  readonly capacityPerTransport: number

  constructor(capacityPerTransport = 2000) {
    this.capacityPerTransport = capacityPerTransport
  }

  add(transport: Transport, sample: LatencySample): void {
    let ring = this.#rings.get(transport)
    if (!ring) {
      ring = new RingBuffer(this.capacityPerTransport)
      this.#rings.set(transport, ring)
    }
    ring.push(sample)
  }

  samples(transport: Transport): LatencySample[] {
    return this.#rings.get(transport)?.toArray() ?? []
  }

  /** How many samples were ever added, including those the ring has since dropped. */
  totalCount(transport: Transport): number {
    return this.#rings.get(transport)?.totalPushed ?? 0
  }

  summary(transport: Transport): LatencySummary | null {
    return summarize(this.samples(transport))
  }

  clear(): void {
    this.#rings.clear()
  }
}
