import { describe, expect, it } from 'vitest'
import type { TestFinished } from './run-events.ts'
import { type GradeTarget, scoreTarget, summarize } from './score.ts'

const target: GradeTarget = {
  label: '02-frames',
  exerciseName: '02-frames',
  dir: '/repo/exercises/02-frames',
  points: { 'decodeFrame > parses a text frame': 2, 'decodeFrame > unmasks': 3 },
}
const file = '/repo/exercises/02-frames/frames.test.ts'

function test(fullName: string, state: TestFinished['state'], message?: string): TestFinished {
  return {
    type: 'test',
    file,
    fullName,
    state,
    durationMs: 3,
    errors: message ? [{ message }] : [],
  }
}

describe('scoreTarget', () => {
  it('gives the points of passed tests and 0 with the first line of the message to failed ones', () => {
    const graded = scoreTarget(target, {
      tests: [
        test('decodeFrame > parses a text frame', 'passed'),
        test('decodeFrame > unmasks', 'failed', 'expected 1 to be 2\nat line 3'),
      ],
      modules: [{ type: 'module', file, state: 'failed', errors: [] }],
    })
    expect(graded.score).toBe(2)
    expect(graded.maxScore).toBe(5)
    expect(graded.tests.map((t) => [t.status, t.score, t.reason])).toEqual([
      ['passed', 2, ''],
      ['failed', 0, 'expected 1 to be 2'],
    ])
  })

  it('scores 0 for every test of a file that failed to import, with the import error as reason', () => {
    const graded = scoreTarget(target, {
      tests: [],
      modules: [
        { type: 'module', file, state: 'failed', errors: [{ message: 'SyntaxError: bad' }] },
      ],
    })
    expect(graded.score).toBe(0)
    expect(graded.tests.map((t) => [t.status, t.reason])).toEqual([
      ['not run', 'did not run: SyntaxError: bad'],
      ['not run', 'did not run: SyntaxError: bad'],
    ])
  })

  it('gives the error of a failed beforeAll as the reason its tests were skipped', () => {
    const graded = scoreTarget(target, {
      tests: [test('decodeFrame > unmasks', 'skipped')],
      modules: [
        { type: 'module', file, state: 'failed', errors: [{ message: 'decodeFrame: TODO' }] },
      ],
    })
    expect(graded.tests[1]).toMatchObject({
      status: 'failed',
      reason: 'was skipped: decodeFrame: TODO',
    })
  })

  it('says so when no test file ran at all', () => {
    const graded = scoreTarget(target, { tests: [], modules: [] })
    expect(graded.tests[0]?.reason).toBe('did not run: no test file of this exercise ran')
  })

  it('reports a test that ran but is not in points.json as a problem of the exercise', () => {
    const graded = scoreTarget(target, {
      tests: [
        test('decodeFrame > parses a text frame', 'passed'),
        test('decodeFrame > extra', 'passed'),
      ],
      modules: [],
    })
    expect(graded.problems).toEqual(['test "decodeFrame > extra" ran but is not in points.json'])
  })

  it('only counts tests from files inside the target folder, with \\ or / separators', () => {
    const windowsTarget = { ...target, dir: 'C:\\repo\\exercises\\02-frames' }
    const graded = scoreTarget(windowsTarget, {
      tests: [
        {
          ...test('decodeFrame > parses a text frame', 'passed'),
          file: 'C:/repo/exercises/02-frames/f.test.ts',
        },
        {
          ...test('decodeFrame > unmasks', 'passed'),
          file: 'C:/repo/exercises/02-frames-old/f.test.ts',
        },
      ],
      modules: [],
    })
    expect(graded.tests.map((t) => t.status)).toEqual(['passed', 'not run'])
  })

  it('fails a test whose name exists twice when one of the two fails, and reports the duplicate', () => {
    const graded = scoreTarget(target, {
      tests: [
        test('decodeFrame > unmasks', 'passed'),
        test('decodeFrame > unmasks', 'failed', 'no'),
      ],
      modules: [],
    })
    expect(graded.tests[1]?.status).toBe('failed')
    expect(graded.problems).toEqual(['test "decodeFrame > unmasks" exists 2 times'])
  })
})

describe('summarize', () => {
  it('keeps the first line, without colours', () => {
    expect(summarize('\u001b[31mexpected 1 to be 2\u001b[39m\n\n- Expected\n+ Received')).toBe(
      'expected 1 to be 2',
    )
  })

  it('adds the next line when the first one only announces it', () => {
    expect(summarize('Transform failed with 1 error:\n\n[PARSE_ERROR] Expected `,`')).toBe(
      'Transform failed with 1 error: [PARSE_ERROR] Expected `,`',
    )
  })
})
