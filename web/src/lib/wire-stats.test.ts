import { describe, expect, it } from 'vitest'
import { counters, wireStats } from './wire-stats.fixture.ts'
import { deriveWireFigures, parseWireStats, utf8Length } from './wire-stats.ts'

const validStats = { ...wireStats(), since: 1763700000000, client: 'ab12' }

describe('deriveWireFigures', () => {
  it('divides wire bytes by delivered messages and by message-text bytes', () => {
    const figures = deriveWireFigures(
      counters({
        bytesIn: 3000,
        bytesOut: 5000,
        requests: 10,
        emptyResponses: 8,
        connections: 1,
        messages: 4,
      }),
      { messageTextBytes: 200, reconnects: 0 },
    )
    expect(figures).toEqual({
      bytesUp: 3000,
      bytesDown: 5000,
      bytesPerMessage: 2000,
      overheadRatio: 40,
      requests: 10,
      requestsPerMessage: 2.5,
      emptyResponses: 8,
      connections: 1,
      reconnects: 0,
    })
  })

  it('reports null ratios before the first message instead of dividing by zero', () => {
    const figures = deriveWireFigures(counters({ bytesIn: 400, requests: 1 }), {
      messageTextBytes: 0,
      reconnects: 2,
    })
    expect(figures.bytesPerMessage).toBeNull()
    expect(figures.overheadRatio).toBeNull()
    expect(figures.requestsPerMessage).toBeNull()
    expect(figures.reconnects).toBe(2)
  })
})

describe('parseWireStats', () => {
  it('accepts the shape of DESIGN.md', () => {
    expect(parseWireStats(validStats).transports.ws.framesIn).toBe(0)
  })

  it('names the first missing or bad field', () => {
    const broken = structuredClone(validStats) as unknown as {
      transports: { ws: Record<string, unknown> }
    }
    broken.transports.ws.framesOut = -1
    expect(() => parseWireStats(broken)).toThrow(
      'stats.transports.ws.framesOut must be a non-negative number',
    )
    expect(() => parseWireStats(null)).toThrow('stats must be an object')
  })
})

describe('utf8Length', () => {
  it('counts bytes, not characters: "olá" is 4 bytes', () => {
    expect(utf8Length('olá')).toBe(4)
  })
})
