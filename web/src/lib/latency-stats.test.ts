import { describe, expect, it } from 'vitest'
import { histogram, LatencyStore, niceBinWidth, percentile, summarize } from './latency-stats.ts'

describe('percentile (nearest rank)', () => {
  const sorted = [15, 20, 35, 40, 50]

  it('picks the value at rank ceil(p/100 × n)', () => {
    expect(percentile(sorted, 30)).toBe(20)
    expect(percentile(sorted, 40)).toBe(20)
    expect(percentile(sorted, 50)).toBe(35)
    expect(percentile(sorted, 100)).toBe(50)
  })

  it('returns the smallest sample for p = 0 and for tiny p', () => {
    expect(percentile(sorted, 0)).toBe(15)
    expect(percentile(sorted, 5)).toBe(15)
  })

  it('never interpolates between samples', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 51)).toBe(3)
  })

  it('gives p95 and p99 of 1..100 as 95 and 99', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(hundred, 95)).toBe(95)
    expect(percentile(hundred, 99)).toBe(99)
  })

  it('is undefined without samples and rejects p outside 0..100', () => {
    expect(percentile<number>([], 50)).toBeUndefined()
    expect(() => percentile(sorted, 101)).toThrow(/within 0..100/)
  })
})

const exact = (ms: number) => ({ ms, atMost: false })
const bound = (ms: number) => ({ ms, atMost: true })

describe('summarize', () => {
  it('reports count, min, max, mean and the three percentiles of unsorted input', () => {
    expect(summarize([40, 15, 50, 35, 20].map(exact))).toEqual({
      count: 5,
      atMostCount: 0,
      min: exact(15),
      max: exact(50),
      mean: exact(32),
      p50: exact(35),
      p95: exact(50),
      p99: exact(50),
    })
  })

  it('ranks an upper bound by its bound: a percentile that lands on one is itself "at most"', () => {
    const summary = summarize([bound(2.1), bound(1.8), exact(3), bound(2.4), exact(9)])
    expect(summary).toMatchObject({
      count: 5,
      atMostCount: 3,
      min: bound(1.8),
      p50: bound(2.4),
      p95: exact(9),
      mean: { atMost: true },
    })
  })

  it('is null without samples', () => {
    expect(summarize([])).toBeNull()
  })
})

describe('histogram', () => {
  it('chooses a 1-2-5 bin width that fits in the bin budget', () => {
    expect(niceBinWidth(0, 95, 20)).toBe(5)
    expect(niceBinWidth(0, 1999, 20)).toBe(100)
    expect(niceBinWidth(3, 4, 20)).toBe(1)
  })

  it('counts each sample in the half-open bin [from, to) that holds it', () => {
    expect(histogram([1, 4, 5, 9, 10], 3)).toEqual([
      { fromMs: 0, toMs: 5, count: 2 },
      { fromMs: 5, toMs: 10, count: 2 },
      { fromMs: 10, toMs: 15, count: 1 },
    ])
  })

  it('is empty without samples', () => {
    expect(histogram([])).toEqual([])
  })
})

describe('LatencyStore', () => {
  it('keeps samples per transport and summarizes each on its own', () => {
    const store = new LatencyStore(10)
    store.add('ws', { seq: 1, arrivedAt: 1000, ...exact(2) })
    store.add('ws', { seq: 2, arrivedAt: 1010, ...exact(4) })
    store.add('poll', { seq: 1, arrivedAt: 1500, ...exact(900) })
    expect(store.summary('ws')?.p50).toEqual(exact(2))
    expect(store.summary('poll')?.max).toEqual(exact(900))
    expect(store.summary('sse')).toBeNull()
  })

  it('bounds the memory per transport to its capacity, dropping the oldest samples', () => {
    const store = new LatencyStore(3)
    for (let seq = 1; seq <= 5; seq++) store.add('sse', { seq, arrivedAt: seq, ...exact(seq) })
    expect(store.samples('sse').map((sample) => sample.seq)).toEqual([3, 4, 5])
    expect(store.totalCount('sse')).toBe(5)
  })
})
