import { describe, expect, it } from 'vitest'
import { DEFAULT_CLASS_SETTINGS, type Experiment } from '../../../server/src/class/protocol.ts'
import { runningAt } from './result-source.ts'
import { resultStateKey } from './result-view.ts'

const experiment: Experiment = {
  id: 'x1',
  preset: 'race',
  startsAt: 100_000,
  endsAt: 110_000,
  settings: DEFAULT_CLASS_SETTINGS,
}

describe('runningAt', () => {
  it('moves a running experiment’s countdown to the result on, never below 0 s', () => {
    const running = { kind: 'running', experiment, secondsLeft: 10 } as const
    expect(runningAt(running, 104_200)).toEqual({ ...running, secondsLeft: 6 })
    expect(runningAt(running, 111_000)).toEqual({ ...running, secondsLeft: 0 })
  })

  it('leaves any other state as it is', () => {
    const none = { kind: 'none' } as const
    expect(runningAt(none, 104_200)).toBe(none)
  })
})

describe('resultStateKey', () => {
  it('changes when a page adds its result, without reading the samples', () => {
    const page = { client: 'abc', name: 'Ana', at: 111_000, transports: {} }
    const before = resultStateKey({
      kind: 'result',
      result: { experiment, results: [], summary: {} },
    })
    const after = resultStateKey({
      kind: 'result',
      result: { experiment, results: [page], summary: {} },
    })
    expect(after).not.toBe(before)
    expect(after).toBe('result|x1|1|111000')
  })
})
