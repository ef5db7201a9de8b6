import { describe, expect, it } from 'vitest'
import { LabMeasurements } from './lab-measurements.ts'
import { wireStats } from './wire-stats.fixture.ts'
import type { WireCounters } from './wire-stats.ts'

const stats = (ws: Partial<WireCounters>) => wireStats({ ws })

const offset = { offsetMs: 500, uncertaintyMs: 1, rttMs: 1, measuredAt: 0 }
const live = (arrivedAt: number) => ({ arrivedAt, liveSince: 0 })

describe('LabMeasurements', () => {
  it('takes no one-way sample before a clock offset is known', () => {
    const lab = new LabMeasurements()
    expect(lab.recordDelivery('ws', { seq: 1, ts: 1000, text: 'oi' }, live(990))).toEqual({
      kind: 'unclocked',
    })
    expect(lab.oneWay.samples('ws')).toEqual([])
  })

  it('keeps one-way samples, round trips and caught-up messages apart', () => {
    const lab = new LabMeasurements()
    lab.offset = offset
    lab.noteSent('mine', 9_000)
    lab.recordDelivery('sse', { seq: 3, ts: 10_000, text: 'oi' }, live(9_520))
    lab.recordDelivery('sse', { seq: 4, ts: 9_510, text: 'oi', clientMsgId: 'mine' }, live(9_030))
    lab.recordDelivery(
      'sse',
      { seq: 2, ts: 8_000, text: 'oi' },
      { arrivedAt: 9_600, liveSince: 9_590 },
    )
    const sse = lab.totals().find((t) => t.transport === 'sse')
    expect(sse?.latency?.p50).toEqual({ ms: 19.5, atMost: false })
    expect(sse?.roundTrip?.p50).toEqual({ ms: 30, atMost: false })
    expect(sse?.caughtUp).toBe(1)
  })

  it('derives overhead from the meter bytes and the text bytes it counted itself', () => {
    const lab = new LabMeasurements()
    lab.recordDelivery('ws', { seq: 1, ts: 0, text: 'olá' }, live(0))
    lab.recordReconnect('ws')
    lab.wireStats = stats({ bytesIn: 10, bytesOut: 30, messages: 1, requests: 1 })
    const ws = lab.totals().find((t) => t.transport === 'ws')?.wire
    expect(ws).toMatchObject({ bytesPerMessage: 40, overheadRatio: 10, reconnects: 1 })
    expect(lab.deliveredMessages('ws')).toBe(1)
  })

  it('starts every figure from zero on reset, and keeps the clock', () => {
    const lab = new LabMeasurements()
    lab.offset = offset
    lab.recordDelivery('ws', { seq: 1, ts: 10_000, text: 'oi' }, live(9_530))
    lab.recordReconnect('ws')
    lab.wireStats = stats({ bytesIn: 10, messages: 1 })
    lab.reset()
    expect(lab.totals().find((t) => t.transport === 'ws')).toEqual({
      transport: 'ws',
      latency: null,
      roundTrip: null,
      caughtUp: 0,
      wire: null,
    })
    expect(lab.offset).toBe(offset)
    expect(lab.received('ws')).toBe(0)
    expect(lab.reconnects('ws')).toBe(0)
  })

  it('counts every live delivery and every reconnect of a transport', () => {
    const lab = new LabMeasurements()
    lab.recordDelivery('sse', { seq: 1, ts: 0, text: 'a' }, live(5))
    lab.recordDelivery('sse', { seq: 2, ts: 0, text: 'b' }, { arrivedAt: 9, liveSince: 8 })
    lab.recordReconnect('sse')
    expect(lab.received('sse')).toBe(2)
    expect(lab.reconnects('sse')).toBe(1)
    expect(lab.received('ws')).toBe(0)
  })

  it('reports no wire figures before the first stats arrive', () => {
    expect(new LabMeasurements().totals().map((t) => t.wire)).toEqual([null, null, null, null])
  })
})
