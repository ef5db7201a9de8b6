import { describe, expect, it } from 'vitest'
import { LabMeasurements } from './lab-measurements.ts'
import type { WireCounters, WireStats } from './wire-stats.ts'

const counters = (over: Partial<WireCounters> = {}): WireCounters => ({
  bytesIn: 0,
  bytesOut: 0,
  requests: 0,
  emptyResponses: 0,
  connections: 0,
  messages: 0,
  ...over,
})

function stats(ws: Partial<WireCounters>): WireStats {
  return {
    since: 0,
    transports: {
      poll: counters(),
      longpoll: counters(),
      sse: counters(),
      ws: { ...counters(ws), handshakeBytesIn: 0, handshakeBytesOut: 0, framesIn: 0, framesOut: 0 },
      send: counters(),
      control: counters(),
    },
  }
}

describe('LabMeasurements', () => {
  it('takes no latency sample before a clock offset is known', () => {
    const lab = new LabMeasurements()
    expect(lab.recordDelivery('ws', { seq: 1, ts: 1000, text: 'oi' }, 990)).toBeNull()
    expect(lab.samples('ws')).toEqual([])
  })

  it('measures latency across the two clocks with the current offset', () => {
    const lab = new LabMeasurements()
    lab.offset = { offsetMs: 500, uncertaintyMs: 2, rttMs: 4, measuredAt: 0 }
    expect(lab.recordDelivery('sse', { seq: 3, ts: 10_000, text: 'oi' }, 9_520)).toBe(20)
    expect(lab.totals().find((t) => t.transport === 'sse')?.latency?.p50).toBe(20)
  })

  it('derives overhead from the meter bytes and the text bytes it counted itself', () => {
    const lab = new LabMeasurements()
    lab.recordDelivery('ws', { seq: 1, ts: 0, text: 'olá' }, 0)
    lab.recordReconnect('ws')
    lab.wireStats = stats({ bytesIn: 10, bytesOut: 30, messages: 1, requests: 1 })
    const ws = lab.totals().find((t) => t.transport === 'ws')?.wire
    expect(ws).toMatchObject({ bytesPerMessage: 40, overheadRatio: 10, reconnects: 1 })
    expect(lab.deliveredMessages('ws')).toBe(1)
  })

  it('reports no wire figures before the first stats arrive', () => {
    expect(new LabMeasurements().totals().map((t) => t.wire)).toEqual([null, null, null, null])
  })
})
