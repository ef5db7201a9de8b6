import { describe, expect, it } from 'vitest'
import { LabMeasurements } from '../lib/lab-measurements.ts'
import { wireStats } from '../lib/wire-stats.fixture.ts'
import { readFigure } from './figures.ts'

function stats() {
  return wireStats({
    poll: { bytesIn: 1200, bytesOut: 2034, requests: 10, emptyResponses: 8, messages: 3 },
    ws: { handshakeBytesIn: 500, handshakeBytesOut: 129, framesIn: 2, framesOut: 7 },
  })
}

describe('readFigure', () => {
  it('reads the meter exactly, in the page’s number format, with its unit', () => {
    const lab = new LabMeasurements()
    lab.wireStats = stats()
    expect(readFigure('poll.requests', lab, 'en')).toEqual({ value: 10, unit: '', display: '10' })
    expect(readFigure('poll.bytesDown', lab, 'pt-BR')).toEqual({
      value: 2034,
      unit: 'B',
      display: '2.034 B',
    })
    expect(readFigure('poll.bytesPerMessage', lab, 'en')?.display).toBe('1,078.0 B')
    expect(readFigure('poll.requestsPerMessage', lab, 'pt-BR')?.display).toBe('3,33')
    expect(readFigure('ws.handshakeBytesOut', lab, 'en')?.value).toBe(129)
    expect(readFigure('ws.framesOut', lab, 'en')?.display).toBe('7')
  })

  it('reads the page’s own latency figures, a bound shown as one', () => {
    const lab = new LabMeasurements()
    lab.offset = { offsetMs: 0, uncertaintyMs: 1, rttMs: 1, measuredAt: 0 }
    lab.recordDelivery('sse', { seq: 1, ts: 1000, text: 'x' }, { arrivedAt: 1001, liveSince: 0 })
    expect(readFigure('sse.p50', lab, 'en')).toMatchObject({ atMost: true, display: '≤ 2.0 ms' })
    expect(readFigure('clock.uncertainty', lab, 'en')?.display).toBe('1.0 ms')
  })

  it('is null while nothing is measured', () => {
    const lab = new LabMeasurements()
    expect(readFigure('poll.requests', lab, 'en')).toBeNull()
    expect(readFigure('sse.p50', lab, 'en')).toBeNull()
    expect(readFigure('clock.offset', lab, 'en')).toBeNull()
  })
})
