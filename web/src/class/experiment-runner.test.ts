import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Experiment } from './class-contract.ts'
import { ExperimentRunner, type ExperimentView } from './experiment-runner.ts'

/** The server's clock is 1 s ahead of the page's. */
const OFFSET_MS = 1_000

function experiment(id: string, startsAt: number, endsAt: number): Experiment {
  const settings = {
    tickerRate: 5,
    tickerSize: 20,
    pollIntervalMs: 1000,
    longPollTimeoutMs: 25_000,
    wsHeartbeatMs: 15_000,
  }
  return { id, preset: 'race', startsAt, endsAt, settings }
}

function runner() {
  const calls: string[] = []
  const views: (ExperimentView | null)[] = []
  const run = new ExperimentRunner(
    {
      begin: (e) => calls.push(`begin ${e.id} at ${Date.now() + OFFSET_MS}`),
      end: (e, endedAt) => calls.push(`end ${e.id}, page clock ${endedAt}`),
      show: (view) => views.push(view),
    },
    { now: () => Date.now(), tickMs: 100 },
  )
  return { run, calls, views, lastView: () => views.at(-1) }
}

describe('ExperimentRunner', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
  })
  afterEach(() => vi.useRealTimers())

  it('counts down, begins at the start and ends at the end, on the server’s clock', () => {
    const { run, calls, lastView } = runner()
    run.offsetMs = OFFSET_MS
    // Seen at page 0 = server 1000: starts 4 s later, runs 10 s.
    run.see(experiment('x1', 5_000, 15_000))
    expect(lastView()).toMatchObject({ stage: 'countdown', secondsLeft: 4 })
    vi.advanceTimersByTime(3_000)
    expect(lastView()).toMatchObject({ stage: 'countdown', secondsLeft: 1 })
    expect(calls).toEqual([])
    vi.advanceTimersByTime(1_000)
    expect(calls).toEqual(['begin x1 at 5000'])
    vi.advanceTimersByTime(2_000)
    expect(lastView()).toMatchObject({ stage: 'running', secondsLeft: 8, progress: 0.2 })
    vi.advanceTimersByTime(8_000)
    expect(calls).toEqual(['begin x1 at 5000', 'end x1, page clock 14000'])
    expect(lastView()).toBeNull()
    expect(run.stage).toBe('done')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits for the clock offset before it decides anything', () => {
    const { run, calls, views } = runner()
    run.see(experiment('x2', 5_000, 15_000))
    vi.advanceTimersByTime(500)
    expect(views.every((view) => view === null)).toBe(true)
    run.offsetMs = OFFSET_MS
    expect(run.stage).toBe('countdown')
    vi.advanceTimersByTime(4_000)
    expect(calls).toHaveLength(1)
  })

  it('lets a page that came during the run wait for the next experiment', () => {
    const { run, calls, lastView } = runner()
    vi.setSystemTime(7_000)
    run.offsetMs = OFFSET_MS
    run.see(experiment('x3', 5_000, 15_000))
    expect(lastView()).toMatchObject({ stage: 'missed', secondsLeft: 7 })
    vi.advanceTimersByTime(10_000)
    expect(calls).toEqual([])
    expect(lastView()).toBeNull()
    run.see(experiment('x4', 20_000, 30_000))
    vi.advanceTimersByTime(15_000)
    expect(calls).toEqual(['begin x4 at 20000', 'end x4, page clock 29000'])
  })

  it('takes the same experiment told again as nothing new', () => {
    const { run, calls } = runner()
    run.offsetMs = OFFSET_MS
    const x5 = experiment('x5', 2_000, 12_000)
    run.see(x5)
    vi.advanceTimersByTime(2_000)
    run.see({ ...x5 })
    vi.advanceTimersByTime(500)
    expect(calls).toEqual(['begin x5 at 2000'])
  })
})
