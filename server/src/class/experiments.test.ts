import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ExperimentHooks, Experiments } from './experiments.ts'
import type { PageResult } from './protocol.ts'

afterEach(() => {
  vi.useRealTimers()
})

function recorder() {
  const steps: string[] = []
  const hooks: ExperimentHooks = {
    begin: async (e) => void steps.push(`begin ${e.id} at ${Date.now()}`),
    dropAll: () => void steps.push(`drop at ${Date.now()}`),
    end: async (e) => void steps.push(`end ${e.id} at ${Date.now()}`),
    changed: () => void steps.push('changed'),
  }
  return { steps, hooks }
}

const result = (client: string, samples: number[]): PageResult => ({
  client,
  name: client,
  at: 0,
  transports: {
    ws: {
      received: samples.length,
      p50: null,
      p95: null,
      p99: null,
      samples,
      bytesPerMessage: 10,
      reconnects: 0,
      missing: 0,
      repeated: 0,
    },
  },
})

describe('Experiments', () => {
  it('runs a preset: begins at once, drops at dropAtS after the countdown, ends on time', async () => {
    vi.useFakeTimers({ now: 0 })
    const { steps, hooks } = recorder()
    const experiments = new Experiments(hooks)
    const experiment = await experiments.start('drop-once', { countdownS: 5 })
    expect(experiment).toMatchObject({ id: 'e1', startsAt: 5_000, endsAt: 35_000, dropAtS: 10 })
    await vi.advanceTimersByTimeAsync(40_000)
    expect(steps).toEqual([
      'begin e1 at 0',
      'changed',
      'drop at 15000',
      'end e1 at 35000',
      'changed',
    ])
    // A run shorter than its drop time drops nothing.
    const short = await experiments.start('drop-once', { durationS: 5, countdownS: 0 })
    expect(short.dropAtS).toBeUndefined()
  })

  it('takes results from the end to 20 s after, one per page, and sums them up', async () => {
    vi.useFakeTimers({ now: 0 })
    const experiments = new Experiments(recorder().hooks)
    await experiments.start('race', { durationS: 10, countdownS: 0 })
    expect(() => experiments.addResult('e1', result('a', [1]), `owner-a`)).toThrow(/not ended/)
    await vi.advanceTimersByTimeAsync(10_000)
    experiments.addResult('e1', result('b', [5, 6]), `owner-b`)
    experiments.addResult('e1', result('a', [1]), `owner-a`)
    experiments.addResult('e1', result('a', [1, 2, 3]), `owner-a`)
    expect(experiments.resultCount).toBe(2)
    const { results, summary } = experiments.result('latest')
    expect(results.map((r) => r.client)).toEqual(['a', 'b'])
    expect(summary.ws).toMatchObject({ pages: 2, received: 5, p50: 3, p95: 6, bytesPerMessage: 10 })
    await vi.advanceTimersByTimeAsync(20_001)
    expect(() => experiments.addResult('e1', result('c', [1]), `owner-c`)).toThrow(
      /ended more than 20 s ago/,
    )
    expect(() => experiments.result('e9')).toThrow(/no experiment e9/)
  })

  it('takes at most 3 pages of one member, and undoes the room when it cannot set it', async () => {
    vi.useFakeTimers({ now: 0 })
    const { steps, hooks } = recorder()
    const experiments = new Experiments(hooks)
    await experiments.start('race', { durationS: 10, countdownS: 2 })
    await vi.advanceTimersByTimeAsync(12_000)
    for (const page of ['a', 'b', 'c']) experiments.addResult('e1', result(page, [1]), 'ana')
    expect(() => experiments.addResult('e1', result('d', [1]), 'ana')).toThrow(/at most 3 pages/)
    experiments.addResult('e1', result('a', [2]), 'ana')
    experiments.addResult('e1', result('e', [1]), 'bia')
    expect(experiments.resultCount).toBe(4)
    hooks.begin = async () => {
      throw new Error('no port left')
    }
    steps.length = 0
    await expect(experiments.start('race', {})).rejects.toThrow('no port left')
    expect(steps).toEqual(['end e2 at 12000', 'changed'])
    expect(experiments.current?.id).toBe('e1')
  })
})
