import { type LatencySample, type LatencySummary, summarize } from '../lib/latency-stats.ts'
import { MAX_RESULT_SAMPLES, type TransportReport, type TransportResult } from './class-contract.ts'

/** One transport's counts as this page keeps them (the panels' own): a report without its samples. */
export type TransportCounts = Omit<TransportReport, 'samples'>

export const PERCENTILES = ['p50', 'p95', 'p99'] as const
export type Percentile = (typeof PERCENTILES)[number]

/** A transport's result, and which of its percentiles are only bounds ("≤", as the panel says). */
export interface FrozenResult {
  result: TransportResult
  upperBounds: Percentile[]
}

/** One transport's part of a report: its counts and the latency samples taken since the last. */
export function transportReport(counts: TransportCounts, samples: number[]): TransportReport {
  const { state, lastSeq, received, reconnects, missing, repeated } = counts
  return { state, lastSeq, received, samples, reconnects, missing, repeated }
}

/**
 * One transport's result, frozen at the end of an experiment: the percentiles are the panel's own
 * (`summarize`, over the same samples, the newest 3000 if there were more), the bytes per message
 * the panel's wire figure.
 */
export function transportResult(
  counts: TransportCounts,
  samples: readonly LatencySample[],
  bytesPerMessage: number | null,
): FrozenResult {
  const kept = samples.slice(-MAX_RESULT_SAMPLES)
  const summary = summarize(kept)
  const upperBounds = PERCENTILES.filter((name) => summary?.[name].atMost)
  return { result: resultOf(counts, kept, summary, bytesPerMessage), upperBounds }
}

function resultOf(
  counts: TransportCounts,
  kept: readonly LatencySample[],
  summary: LatencySummary | null,
  bytesPerMessage: number | null,
): TransportResult {
  return {
    received: counts.received,
    p50: summary?.p50.ms ?? null,
    p95: summary?.p95.ms ?? null,
    p99: summary?.p99.ms ?? null,
    samples: kept.map((sample) => sample.ms),
    bytesPerMessage,
    reconnects: counts.reconnects,
    missing: counts.missing,
    repeated: counts.repeated,
  }
}
