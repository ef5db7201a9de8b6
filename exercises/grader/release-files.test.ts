import { describe, expect, it } from 'vitest'
import { leftOutReason } from './release-files.ts'

describe('leftOutReason', () => {
  it.each([
    ['exercises/02-frames/solution/frames.ts', 'solution'],
    ['exercises/10-fanout/solution/fanout.redis.test.ts', 'solution'],
    ['exercises/02-frames/mutants/forgets-unmask.ts', 'mutant'],
    ['labs/01-polling/answers.pt-BR.md', 'answer key'],
    ['labs/answers.md', 'answer key'],
    ['exercises/grader/exercises-meta.test.ts', "grader's own tests"],
    ['exercises/grader/fixtures/02-shout/solution/shout.ts', "grader's own tests"],
    ['exercises/grader/test-support.ts', "grader's own tests"],
    ['.github/workflows/ci.yml', 'instructor workflow'],
  ])('leaves out %s (%s)', (path, reason) => {
    expect(leftOutReason(path)).toBe(reason)
  })

  it.each([
    'exercises/02-frames/frames.ts',
    'exercises/02-frames/frames.test.ts',
    'exercises/02-frames/points.json',
    'exercises/grader/grade.ts',
    'exercises/checksums.json',
    'labs/01-polling/README.pt-BR.md',
    'server/src/solution-notes.ts',
  ])('keeps %s', (path) => {
    expect(leftOutReason(path)).toBeUndefined()
  })
})
