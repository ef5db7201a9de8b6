import { describe, expect, it } from 'vitest'
import { toGradescope } from './gradescope.ts'
import type { GradedExercise } from './score.ts'
import { stepSummary } from './step-summary.ts'

const exercise: GradedExercise = {
  label: '02-frames',
  exerciseName: '02-frames',
  score: 2,
  maxScore: 5,
  problems: [],
  typeErrors: undefined,
  typePenalty: 0,
  tests: [
    {
      name: 'a > passes',
      status: 'passed',
      score: 2,
      maxScore: 2,
      durationMs: 1,
      reason: '',
      output: '',
    },
    {
      name: 'a > fails',
      status: 'failed',
      score: 0,
      maxScore: 3,
      durationMs: 1,
      reason: 'expected 1 to be 2',
      output: 'expected 1 to be 2\n- Expected\n+ Received',
    },
  ],
}

describe('toGradescope', () => {
  it('writes one visible test per test with its score, max_score and failure output', () => {
    const results = toGradescope([exercise], [], 2_400)
    expect(results).toMatchObject({ score: 2, max_score: 5, execution_time: 2 })
    expect(results.tests).toEqual([
      {
        name: '02-frames: a > passes',
        score: 2,
        max_score: 2,
        status: 'passed',
        output: '',
        visibility: 'visible',
      },
      {
        name: '02-frames: a > fails',
        score: 0,
        max_score: 3,
        status: 'failed',
        output: 'expected 1 to be 2\n- Expected\n+ Received',
        visibility: 'visible',
      },
    ])
  })

  it('puts integrity warnings in the output students see', () => {
    const results = toGradescope(
      [exercise],
      [{ file: '02-frames/frames.test.ts', problem: 'modified' }],
      0,
    )
    expect(results.output).toContain('WARNING: 02-frames/frames.test.ts was modified')
    expect(results.extra_data.integrity).toHaveLength(1)
  })
})

describe('stepSummary', () => {
  it('is a Markdown table with a row per exercise and the total', () => {
    expect(stepSummary([exercise, { ...exercise, label: '03-sse', score: 5 }], [])).toBe(
      [
        '### wirelab grade',
        '',
        '| Exercise | Points | Max |',
        '| --- | ---: | ---: |',
        '| 02-frames | 2 | 5 |',
        '| 03-sse | 5 | 5 |',
        '| **Total** | **7** | **10** |',
        '',
      ].join('\n'),
    )
  })
})
