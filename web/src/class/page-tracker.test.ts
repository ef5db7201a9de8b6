import { describe, expect, it } from 'vitest'
import { PageTracker } from './page-tracker.ts'

const continuity = (missing: number, repeated: number) =>
  ({ type: 'continuity', transport: 'poll', missing, repeated, resets: 0 }) as const

describe('PageTracker', () => {
  it('follows each transport’s state, connecting until told', () => {
    const tracker = new PageTracker()
    tracker.handle({ type: 'state', transport: 'ws', state: 'open' })
    tracker.handle({ type: 'state', transport: 'ws', state: 'reconnecting' })
    expect(tracker.state('ws')).toBe('reconnecting')
    expect(tracker.state('sse')).toBe('connecting')
  })

  it('counts missing and repeated seqs from the last reset on', () => {
    const tracker = new PageTracker()
    tracker.handle(continuity(2, 1))
    expect(tracker.continuity('poll')).toEqual({ missing: 2, repeated: 1 })
    tracker.reset()
    expect(tracker.continuity('poll')).toEqual({ missing: 0, repeated: 0 })
    tracker.handle(continuity(5, 1))
    expect(tracker.continuity('poll')).toEqual({ missing: 3, repeated: 0 })
    expect(tracker.continuity('ws')).toEqual({ missing: 0, repeated: 0 })
  })
})
