import { describe, expect, it } from 'vitest'
import { nextStage, secondsUntil, toPageClock } from './experiment-stage.ts'

const race = { startsAt: 10_000, endsAt: 70_000 }

describe('a page’s stage in an experiment', () => {
  it('decides nothing before its clock offset is known', () => {
    expect(nextStage('unclocked', race, null, null)).toBe('unclocked')
    expect(nextStage('unclocked', race, 9_000, null)).toBe('unclocked')
  })

  it('counts down, runs, and is done when it heard of it before the start', () => {
    expect(nextStage('unclocked', race, 6_000, 5_000)).toBe('countdown')
    expect(nextStage('countdown', race, 9_999, 5_000)).toBe('countdown')
    expect(nextStage('countdown', race, 10_000, 5_000)).toBe('running')
    expect(nextStage('running', race, 69_999, 5_000)).toBe('running')
    expect(nextStage('running', race, 70_000, 5_000)).toBe('done')
    expect(nextStage('done', race, 80_000, 5_000)).toBe('done')
  })

  it('takes part when its clock arrives after the start, if it heard of it before', () => {
    expect(nextStage('unclocked', race, 12_000, 9_500)).toBe('running')
  })

  it('misses an experiment it heard of after the start, and waits for the next', () => {
    expect(nextStage('unclocked', race, 30_000, 20_000)).toBe('missed')
    expect(nextStage('missed', race, 80_000, 20_000)).toBe('missed')
  })

  it('misses one whose whole run it slept through', () => {
    expect(nextStage('countdown', race, 75_000, 5_000)).toBe('missed')
  })
})

describe('times', () => {
  it('rounds the seconds left up, never below zero', () => {
    expect(secondsUntil(10_000, 6_000)).toBe(4)
    expect(secondsUntil(10_000, 6_001)).toBe(4)
    expect(secondsUntil(10_000, 9_001)).toBe(1)
    expect(secondsUntil(10_000, 10_000)).toBe(0)
    expect(secondsUntil(10_000, 12_000)).toBe(0)
  })

  it('moves a server time onto the page’s clock by the offset', () => {
    // The server's clock is 2.5 s ahead of the page's: its 10 000 is the page's 7 500.
    expect(toPageClock(10_000, 2_500)).toBe(7_500)
    expect(toPageClock(10_000, -400)).toBe(10_400)
  })
})
