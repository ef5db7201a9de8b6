import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  bestEstimate,
  ClockOffsetEstimator,
  estimateFromSample,
  httpTimeSource,
  messageLatencyMs,
} from './clock-offset.ts'

describe("Cristian's algorithm", () => {
  it('places the server reading mid-round-trip: offset = serverNow + rtt/2 − receivedAt', () => {
    // Client sends at 1000, server reads 1530, reply lands at 1040: server is ahead by 510 ms.
    expect(estimateFromSample({ sentAt: 1000, serverNow: 1530, receivedAt: 1040 })).toEqual({
      offsetMs: 510,
      uncertaintyMs: 20,
      rttMs: 40,
      measuredAt: 1040,
    })
  })

  it('gives a negative offset when the server clock is behind the client clock', () => {
    expect(estimateFromSample({ sentAt: 5000, serverNow: 4005, receivedAt: 5010 }).offsetMs).toBe(
      -1000,
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
    expect(best).toMatchObject({ rttMs: 10, offsetMs: 100, uncertaintyMs: 5 })
    expect(bestEstimate([])).toBeNull()
  })
})

describe('messageLatencyMs', () => {
  it('moves the arrival onto the server clock before subtracting the message ts', () => {
    // Server clock is 500 ms ahead; message stamped 10_000 server ms arrives at 9_520 client ms.
    expect(messageLatencyMs(9_520, 500, 10_000)).toBe(20)
  })

  it('with a server clock behind the client, the offset is negative and still cancels out', () => {
    expect(messageLatencyMs(10_530, -500, 10_000)).toBe(30)
  })
})

describe('ClockOffsetEstimator', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** A fake server 250 ms ahead of the client whose round trips take the given times. */
  function fakeNetwork(roundTripsMs: number[]) {
    let clientNow = 1_000_000
    const trips = [...roundTripsMs]
    return {
      now: () => clientNow,
      fetchTime: async () => {
        const rtt = trips.shift() ?? 50
        clientNow += rtt / 2
        const serverNow = clientNow + 250
        clientNow += rtt / 2
        return serverNow
      },
    }
  }

  it('estimates the offset from the lowest-RTT sample of a refresh', async () => {
    const estimator = new ClockOffsetEstimator({
      ...fakeNetwork([40, 8, 30]),
      samplesPerRefresh: 3,
    })
    const estimate = await estimator.refresh()
    expect(estimate).toMatchObject({ offsetMs: 250, rttMs: 8, uncertaintyMs: 4 })
  })

  it('forgets samples older than its window, so an old lucky round trip cannot win forever', async () => {
    const estimator = new ClockOffsetEstimator({ ...fakeNetwork([2, 30, 40, 50]), windowSize: 3 })
    for (let i = 0; i < 3; i++) await estimator.sampleOnce()
    expect(estimator.estimate?.rttMs).toBe(2)
    await estimator.sampleOnce()
    expect(estimator.estimate?.rttMs).toBe(30)
  })

  it('keeps its last estimate when a sample fails', async () => {
    const network = fakeNetwork([10])
    let calls = 0
    const estimator = new ClockOffsetEstimator({
      now: network.now,
      fetchTime: () => (calls++ === 0 ? network.fetchTime() : Promise.reject(new Error('offline'))),
      samplesPerRefresh: 3,
    })
    expect(await estimator.refresh()).toMatchObject({ rttMs: 10 })
  })

  it('refreshes on its interval once started and stops when told', async () => {
    vi.useFakeTimers()
    const network = fakeNetwork([])
    const fetchTime = vi.fn(network.fetchTime)
    const estimator = new ClockOffsetEstimator({
      now: network.now,
      fetchTime,
      samplesPerRefresh: 2,
      refreshIntervalMs: 10_000,
    })
    const seen: number[] = []
    estimator.onEstimate((estimate) => seen.push(estimate.offsetMs))
    estimator.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchTime).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchTime).toHaveBeenCalledTimes(4)
    estimator.stop()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetchTime).toHaveBeenCalledTimes(4)
    expect(seen).toEqual([250, 250, 250, 250])
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
