import { describe, expect, it } from 'vitest'
import { csvField, latencySamplesCsv, toCsv, totalsCsv } from './export.ts'

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
  it('writes one row per sample with its kind and whether it is an upper bound, rounded to µs', () => {
    const csv = latencySamplesCsv([
      {
        transport: 'ws',
        kind: 'one-way',
        sample: { seq: 1, arrivedAt: 1763700000123, ms: 2.34567, atMost: true },
      },
      {
        transport: 'poll',
        kind: 'round-trip',
        sample: { seq: 2, arrivedAt: 1763700000999, ms: 876, atMost: false },
      },
    ])
    expect(csv).toBe(
      'transport,kind,seq,arrivedAtMs,latencyMs,atMost\r\n' +
        'ws,one-way,1,1763700000123,2.346,true\r\n' +
        'poll,round-trip,2,1763700000999,876,false\r\n',
    )
  })
})

describe('totalsCsv', () => {
  it('leaves the fields of a transport without measurements empty', () => {
    const csv = totalsCsv([
      { transport: 'sse', latency: null, roundTrip: null, caughtUp: 0, wire: null },
    ])
    const [header, row] = csv.split('\r\n')
    const columns = header?.split(',') ?? []
    expect(columns).toContain('p95AtMost')
    expect(row?.split(',')).toHaveLength(columns.length)
    expect(row).toMatch(/^sse,0,0,/)
  })

  it('writes a percentile that is only an upper bound with its flag', () => {
    const figure = (ms: number, atMost = false) => ({ ms, atMost })
    const csv = totalsCsv([
      {
        transport: 'ws',
        latency: {
          count: 3,
          atMostCount: 2,
          min: figure(1.5, true),
          max: figure(4),
          mean: figure(2.5, true),
          p50: figure(2, true),
          p95: figure(4),
          p99: figure(4),
        },
        roundTrip: null,
        caughtUp: 7,
        wire: null,
      },
    ])
    const [header, row] = csv.split('\r\n')
    const at = (name: string) => row?.split(',')[header?.split(',').indexOf(name) ?? -1]
    expect([at('p50Ms'), at('p50AtMost'), at('p95AtMost'), at('caughtUp')]).toEqual([
      '2',
      'true',
      'false',
      '7',
    ])
  })
})
