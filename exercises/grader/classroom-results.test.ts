import { describe, expect, it } from 'vitest'
import { classroomOutputs, classroomResult } from './classroom-results.ts'
import type { GradedExercise } from './score.ts'

const graded: GradedExercise = {
  label: '02-frames',
  exerciseName: '02-frames',
  score: 22,
  maxScore: 23,
  problems: [],
  typeErrors: undefined,
  typePenalty: 0,
  tests: [
    {
      name: 'decodeFrame > parses a text frame',
      status: 'passed',
      score: 22,
      maxScore: 22,
      durationMs: 3.4,
      reason: '',
      output: '',
    },
    {
      name: 'decodeFrame > rejects a long ping',
      status: 'failed',
      score: 0,
      maxScore: 1,
      durationMs: 1,
      reason: "expected 'no error' to be 'CONTROL_FRAME_TOO_LONG'",
      output: '…',
    },
  ],
}

describe('classroomResult', () => {
  it('keeps the partial credit of each test, so 22 of 23 shows as 22/23', () => {
    const result = classroomResult(graded)
    expect(result).toMatchObject({ version: 1, status: 'fail', max_score: 23 })
    expect(result.tests.map((test) => [test.status, test.score])).toEqual([
      ['pass', 22],
      ['fail', 0],
    ])
    expect(result.tests[1]?.message).toBe("expected 'no error' to be 'CONTROL_FRAME_TOO_LONG'")
  })

  it('passes only with full marks', () => {
    const full = { ...graded, score: 22, maxScore: 22, tests: graded.tests.slice(0, 1) }
    expect(classroomResult(full).status).toBe('pass')
    expect(classroomResult({ ...full, problems: ['a test is not in points.json'] }).status).toBe(
      'fail',
    )
  })
})

describe('classroomOutputs', () => {
  it('writes one `<runner>=<base64 JSON>` line per exercise for $GITHUB_OUTPUT', () => {
    const [line, ...rest] = classroomOutputs([graded]).split('\n')
    expect(rest).toEqual([''])
    const [name, value = ''] = (line ?? '').split('=', 2)
    expect(name).toBe('ex02frames')
    const decoded = JSON.parse(Buffer.from(value, 'base64').toString('utf8'))
    expect(decoded).toEqual(classroomResult(graded))
  })
})
