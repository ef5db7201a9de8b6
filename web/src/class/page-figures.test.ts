import { describe, expect, it } from 'vitest'
import { LatencyStore } from '../lib/latency-stats.ts'
import { type TransportCounts, transportReport, transportResult } from './page-figures.ts'

const counts: TransportCounts = {
  state: 'open',
  lastSeq: 42,
  received: 5,
  reconnects: 1,
  missing: 0,
  repeated: 2,
}

const sample = (ms: number, atMost = false) => ({ seq: 1, arrivedAt: 0, ms, atMost })

describe('a class page’s figures', () => {
  it('reports a transport’s counts with the samples taken since the last report', () => {
    expect(transportReport(counts, [3.5, 4])).toEqual({
      state: 'open',
      lastSeq: 42,
      received: 5,
      samples: [3.5, 4],
      reconnects: 1,
      missing: 0,
      repeated: 2,
    })
  })

  it('freezes a result whose percentiles are the panel’s own', () => {
    const store = new LatencyStore()
    for (const ms of [40, 10, 30, 20, 1000]) store.add('ws', sample(ms))
    store.add('ws', sample(2.5, true))
    const { result, upperBounds } = transportResult(counts, store.samples('ws'), 61.25)
    const panel = store.summary('ws')
    expect(result).toEqual({
      received: 5,
      p50: panel?.p50.ms,
      p95: panel?.p95.ms,
      p99: panel?.p99.ms,
      samples: [40, 10, 30, 20, 1000, 2.5],
      bytesPerMessage: 61.25,
      reconnects: 1,
      missing: 0,
      repeated: 2,
    })
    expect([result.p50, result.p95, result.p99]).toEqual([20, 1000, 1000])
    expect(upperBounds).toEqual([])
  })

  it('says which percentiles are only bounds, as the panel marks them “≤”', () => {
    const { result, upperBounds } = transportResult(counts, [sample(2.5, true), sample(9)], null)
    expect([result.p50, result.p99]).toEqual([2.5, 9])
    expect(upperBounds).toEqual(['p50'])
  })

  it('says null, not zero, for a transport that took no sample', () => {
    const { result } = transportResult(counts, [], null)
    expect([result.p50, result.p95, result.p99, result.bytesPerMessage]).toEqual([
      null,
      null,
      null,
      null,
    ])
  })

  it('keeps the newest 3000 samples, and its percentiles are over those', () => {
    const many = Array.from({ length: 3100 }, (_, index) => sample(index))
    const { result } = transportResult(counts, many, null)
    expect(result.samples).toHaveLength(3000)
    expect(result.samples[0]).toBe(100)
    expect(result.p50).toBe(1599)
  })
})
