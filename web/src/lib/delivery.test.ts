import { describe, expect, it } from 'vitest'
import { classifyDelivery } from './delivery.ts'

// The server's clock runs 500 ms ahead of the page's; the estimate knows it to within ±1 ms.
const offset = { offsetMs: 500, uncertaintyMs: 1, rttMs: 1, measuredAt: 0 }

describe('classifyDelivery', () => {
  it('times the page’s own message as a round trip on its own clock, with or without an offset', () => {
    const own = { arrivedAt: 10_042, liveSince: 9_000, ts: 10_510, sentAt: 10_000 }
    expect(classifyDelivery(own, offset)).toEqual({ kind: 'round-trip', ms: 42 })
    expect(classifyDelivery(own, null)).toEqual({ kind: 'round-trip', ms: 42 })
  })

  it('gives someone else’s message a one-way latency across the two clocks', () => {
    // Stamped 10_500 server ms (10_000 page ms); arrived at 10_020 page ms: 19.5 ms after its ms.
    const arrival = { arrivedAt: 10_020, liveSince: 9_000, ts: 10_500 }
    expect(classifyDelivery(arrival, offset)).toEqual({ kind: 'one-way', ms: 19.5, atMost: false })
  })

  it('says "at most" instead of a number inside the uncertainty, and never a negative one', () => {
    // Estimates of 0.5, −0.5 and −18 ms: each is shown as an upper bound of at least ±1.5 ms.
    for (const arrivedAt of [10_001, 10_000, 9_982]) {
      const delivery = classifyDelivery({ arrivedAt, liveSince: 9_000, ts: 10_500 }, offset)
      expect(delivery.kind).toBe('one-way')
      if (delivery.kind !== 'one-way') continue
      expect(delivery.atMost).toBe(true)
      expect(delivery.ms).toBeGreaterThanOrEqual(1.5)
    }
    expect(classifyDelivery({ arrivedAt: 10_001, liveSince: 9_000, ts: 10_500 }, offset)).toEqual({
      kind: 'one-way',
      ms: 2,
      atMost: true,
    })
  })

  it('counts a message sent before the connection began as caught up, not as a sample', () => {
    // Paused from 9_000 to 12_000 page ms; the message was stamped at 10_000 page ms.
    const backlog = { arrivedAt: 12_003, liveSince: 12_000, ts: 10_500 }
    expect(classifyDelivery(backlog, offset)).toEqual({ kind: 'caught-up' })
    const ownBacklog = { arrivedAt: 12_003, liveSince: 12_000, ts: 10_500, sentAt: 10_000 }
    expect(classifyDelivery(ownBacklog, null)).toEqual({ kind: 'caught-up' })
  })

  it('takes no sample of someone else’s message before any offset is known', () => {
    expect(classifyDelivery({ arrivedAt: 1, liveSince: 0, ts: 1 }, null)).toEqual({
      kind: 'unclocked',
    })
  })
})
