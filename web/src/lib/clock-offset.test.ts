import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  bestEstimate,
  ClockOffsetEstimator,
  estimateFromSample,
  httpTimeSource,
} from './clock-offset.ts'

describe("Cristian's algorithm", () => {
  it('places the server reading mid-round-trip and mid-millisecond: offset = serverNow + ½ + rtt/2 − receivedAt', () => {
    // Client sends at 1000, server reads 1530 (some time in [1530, 1531)), reply lands at 1040.
    expect(estimateFromSample({ sentAt: 1000, serverNow: 1530, receivedAt: 1040 })).toEqual({
      offsetMs: 510.5,
      uncertaintyMs: 20.5,
      rttMs: 40,
      measuredAt: 1040,
    })
  })

  it('gives a negative offset when the server clock is behind the client clock', () => {
    expect(estimateFromSample({ sentAt: 5000, serverNow: 4005, receivedAt: 5010 }).offsetMs).toBe(
      -999.5,
    )
  })

  it('rejects a sample that came back before it was sent', () => {
    expect(() => estimateFromSample({ sentAt: 10, serverNow: 0, receivedAt: 9 })).toThrow(
      /must not precede/,
    )
  })

  it('keeps the sample with the lowest round trip', () => {
    const best = bestEstimate([
      { sentAt: 0, serverNow: 100, receivedAt: 80 },
      { sentAt: 100, serverNow: 205, receivedAt: 110 },
      { sentAt: 200, serverNow: 300, receivedAt: 260 },
    ])
    expect(best).toMatchObject({ rttMs: 10, offsetMs: 100.5, uncertaintyMs: 5.5 })
    expect(bestEstimate([])).toBeNull()
  })
})

describe('ClockOffsetEstimator', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /**
   * A fake server whose clock is 250.5 ms ahead of the client's (so its whole-ms readings land
   * on a true offset of 250.5), answering with the given round trips, then `otherwise` ms.
   */
  function fakeNetwork(roundTripsMs: number[], otherwise = 20) {
    vi.useFakeTimers({ now: 1_000_000 })
    let spent = 0
    const trips = [...roundTripsMs]
    const now = () => Date.now() + spent
    const fetchTime = vi.fn(async () => {
      const rtt = trips.shift() ?? otherwise
      spent += rtt / 2
      const serverNow = Math.floor(now() + 250.5)
      spent += rtt / 2
      return serverNow
    })
    return { now, fetchTime }
  }

  it('bursts while the page is busy and round trips are slow, then settles on a good one', async () => {
    const network = fakeNetwork([45, 30, 12, 2])
    const estimator = new ClockOffsetEstimator({ ...network, goodRttMs: 4, burstGapMs: 100 })
    estimator.start()
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(300)
    expect(network.fetchTime).toHaveBeenCalledTimes(4)
    expect(estimator.estimate?.rttMs).toBe(2)
    expect(Math.abs((estimator.estimate?.offsetMs ?? 0) - 250.5)).toBeLessThanOrEqual(
      estimator.estimate?.uncertaintyMs ?? 0,
    )
    // Good: one sample per steady interval from now on.
    await vi.advanceTimersByTimeAsync(4_900)
    expect(network.fetchTime).toHaveBeenCalledTimes(4)
    await vi.advanceTimersByTimeAsync(200)
    expect(network.fetchTime).toHaveBeenCalledTimes(5)
    estimator.stop()
  })

  it('says it has settled only once a round trip is good, or the burst is spent', async () => {
    const network = fakeNetwork([45, 30, 2])
    const estimator = new ClockOffsetEstimator({ ...network, goodRttMs: 4, burstGapMs: 100 })
    const settled: boolean[] = []
    estimator.onReport((report) => {
      if (report.ok) settled.push(report.settled)
    })
    estimator.start()
    await vi.advanceTimersByTimeAsync(250)
    expect(settled).toEqual([false, false, true])
    estimator.stop()
  })

  it('settles for the best of a burst on a slow network instead of sampling all the time', async () => {
    const network = fakeNetwork([], 80)
    const estimator = new ClockOffsetEstimator({ ...network, burstSamples: 5, burstGapMs: 100 })
    estimator.start()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(network.fetchTime).toHaveBeenCalledTimes(6)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(network.fetchTime).toHaveBeenCalledTimes(8)
    expect(estimator.estimate).toMatchObject({ rttMs: 80, uncertaintyMs: 40.5 })
    estimator.stop()
  })

  it('forgets samples older than maxSampleAgeMs and bursts again when the good one aged out', async () => {
    const network = fakeNetwork([2], 30)
    const estimator = new ClockOffsetEstimator({
      ...network,
      burstGapMs: 100,
      steadyIntervalMs: 5_000,
      maxSampleAgeMs: 20_000,
    })
    estimator.start()
    await vi.advanceTimersByTimeAsync(19_000)
    expect(estimator.estimate?.rttMs).toBe(2)
    const before = network.fetchTime.mock.calls.length
    await vi.advanceTimersByTimeAsync(2_000)
    expect(estimator.estimate?.rttMs).toBe(30)
    await vi.advanceTimersByTimeAsync(1_000)
    // Samples every 100 ms again, not every 5 s.
    expect(network.fetchTime.mock.calls.length - before).toBeGreaterThanOrEqual(5)
    estimator.stop()
  })

  it('reports a failed sample, keeps its last estimate, and stops when told', async () => {
    const network = fakeNetwork([2])
    let calls = 0
    const estimator = new ClockOffsetEstimator({
      now: network.now,
      fetchTime: () => (calls++ === 0 ? network.fetchTime() : Promise.reject(new Error('offline'))),
      steadyIntervalMs: 1_000,
    })
    const reports: boolean[] = []
    estimator.onReport((report) => reports.push(report.ok))
    estimator.start()
    await vi.advanceTimersByTimeAsync(2_500)
    expect(reports).toEqual([true, false, false])
    expect(estimator.estimate?.rttMs).toBe(2)
    estimator.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(reports).toHaveLength(3)
  })
})

describe('httpTimeSource', () => {
  it('reads now from the /api/time body', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ now: 1763700000000 }))
    await expect(httpTimeSource('/api/time', fetchImpl)()).resolves.toBe(1763700000000)
  })

  it('fails with a sentence naming the URL when the body has no numeric now', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ time: 'noon' }))
    await expect(httpTimeSource('/api/time', fetchImpl)()).rejects.toThrow(
      /\/api\/time must answer/,
    )
  })
})
