import { describe, expect, it } from 'vitest'
import { RESULTS_GRACE_MS } from '../../../server/src/class/limits.ts'
import { clockOffset, experimentPhase, roundTripOffset } from './experiment-clock.ts'

const experiment = { startsAt: 100_000, endsAt: 160_000 }

describe('experimentPhase', () => {
  it('counts down to startsAt in whole seconds, rounded up', () => {
    expect(experimentPhase(experiment, 95_000)).toEqual({ phase: 'countdown', secondsLeft: 5 })
    expect(experimentPhase(experiment, 99_001)).toEqual({ phase: 'countdown', secondsLeft: 1 })
  })

  it('runs from startsAt, with the share of the duration gone by', () => {
    expect(experimentPhase(experiment, 100_000)).toEqual({
      phase: 'running',
      secondsLeft: 60,
      progress: 0,
    })
    expect(experimentPhase(experiment, 145_000)).toEqual({
      phase: 'running',
      secondsLeft: 15,
      progress: 0.75,
    })
  })

  it('collects results for 20 s after endsAt, then is over', () => {
    expect(experimentPhase(experiment, 160_000)).toEqual({ phase: 'collecting', secondsLeft: 20 })
    expect(experimentPhase(experiment, 160_000 + RESULTS_GRACE_MS)).toEqual({ phase: 'ended' })
  })
})

describe('clock offsets', () => {
  it('is the server clock minus the page clock', () => {
    expect(clockOffset(1_000_500, 1_000_000)).toBe(500)
  })

  it('takes the middle of the round trip (Cristian)', () => {
    expect(roundTripOffset(2_000, 1_000, 1_200)).toBe(900)
  })
})
