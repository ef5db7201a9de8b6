import { describe, expect, it } from 'vitest'
import { csvField, labExportJson, latencySamplesCsv, toCsv, totalsCsv } from './export.ts'

describe('csvField', () => {
  it('leaves plain values alone and writes null as an empty field', () => {
    expect(csvField('poll')).toBe('poll')
    expect(csvField(12.5)).toBe('12.5')
    expect(csvField(-3)).toBe('-3')
    expect(csvField(null)).toBe('')
  })

  it('quotes fields with commas, quotes, line breaks or edge spaces and doubles inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "oi"')).toBe('"say ""oi"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
    expect(csvField(' padded')).toBe('" padded"')
  })
})

describe('toCsv', () => {
  it('ends every line, the last included, with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n')
  })
})

describe('latencySamplesCsv', () => {
  it('writes one row per sample, grouped by transport, latency rounded to µs', () => {
    const csv = latencySamplesCsv(
      new Map([
        ['ws', [{ seq: 1, arrivedAt: 1763700000123, latencyMs: 2.34567 }]],
        ['poll', [{ seq: 1, arrivedAt: 1763700000999, latencyMs: 876 }]],
      ]),
    )
    expect(csv).toBe(
      'transport,seq,arrivedAtMs,latencyMs\r\nws,1,1763700000123,2.346\r\npoll,1,1763700000999,876\r\n',
    )
  })
})

describe('totalsCsv', () => {
  it('leaves the fields of a transport without measurements empty', () => {
    const csv = totalsCsv([{ transport: 'sse', latency: null, wire: null }])
    const [header, row] = csv.split('\r\n')
    expect(header?.split(',')).toHaveLength(17)
    expect(row).toBe('sse,0,,,,,,,,,,,,,,,')
  })
})

describe('labExportJson', () => {
  it('writes pretty JSON that parses back to the same data', () => {
    const data = {
      exportedAt: '2026-11-21T12:00:00.000Z',
      client: 'ab12',
      clockOffset: null,
      totals: [],
      samples: { ws: [{ seq: 1, arrivedAt: 1, latencyMs: 2 }] },
    }
    expect(JSON.parse(labExportJson(data))).toEqual(data)
  })
})
