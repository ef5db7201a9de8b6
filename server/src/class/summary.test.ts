import { describe, expect, it } from 'vitest'
import type { ExperimentResult } from './protocol.ts'
import { resultCsv } from './summary.ts'

describe('resultCsv', () => {
  it('quotes what needs it and never lets a name start a spreadsheet formula', () => {
    const figures = {
      received: 1,
      p50: 12.345,
      p95: null,
      p99: null,
      samples: [12.345],
      bytesPerMessage: null,
      reconnects: 0,
      missing: 0,
      repeated: 0,
    }
    const result: ExperimentResult = {
      experiment: { id: 'e1', preset: 'race', startsAt: 0, endsAt: 1, settings: {} as never },
      results: [{ client: 'c1', name: '=cmd, "x"', at: 0, transports: { poll: figures } }],
      summary: {},
    }
    expect(resultCsv(result).split('\r\n')[1]).toBe(
      `e1,race,"'=cmd, ""x""",c1,poll,1,12.35,,,,0,0,0`,
    )
  })
})
