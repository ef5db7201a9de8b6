import type { IntegrityFinding } from './checksums.ts'
import { MESSAGES, type Messages } from './messages.ts'
import type { GradedExercise } from './score.ts'
import { typeCheckEntry } from './type-check.ts'

/** One test in Gradescope's `results.json` (gradescope-autograders.readthedocs.io, "specs"). */
export interface GradescopeTest {
  name: string
  score: number
  max_score: number
  status: 'passed' | 'failed'
  output: string
  visibility: 'visible'
}

export interface GradescopeResults {
  score: number
  max_score: number
  /** Seconds. */
  execution_time: number
  output: string
  tests: GradescopeTest[]
  extra_data: { integrity: IntegrityFinding[]; problems: string[] }
}

export function toGradescope(
  exercises: readonly GradedExercise[],
  integrity: readonly IntegrityFinding[],
  elapsedMs: number,
  t: Messages = MESSAGES.en,
): GradescopeResults {
  const tests = exercises.flatMap((exercise): GradescopeTest[] => {
    const typeCheck = typeCheckEntry(exercise, t)
    return [
      ...exercise.tests.map(
        (test): GradescopeTest => ({
          name: `${exercise.label}: ${test.name}`,
          score: test.score,
          max_score: test.maxScore,
          status: test.status === 'passed' ? 'passed' : 'failed',
          output: test.status === 'passed' ? '' : test.output,
          visibility: 'visible',
        }),
      ),
      // Worth 0; type errors make its score negative: they cost what the tests had earned.
      ...(typeCheck
        ? [
            {
              name: `${exercise.label}: ${typeCheck.name}`,
              score: typeCheck.score,
              max_score: 0,
              status: typeCheck.passed ? ('passed' as const) : ('failed' as const),
              output: typeCheck.output,
              visibility: 'visible' as const,
            },
          ]
        : []),
    ]
  })
  const problems = exercises.flatMap((exercise) =>
    exercise.problems.map((problem) => `${exercise.label}: ${problem}`),
  )
  const warnings = integrity.map((finding) => `WARNING: ${finding.file} was ${finding.problem}`)
  const lines = exercises.map(
    (exercise) => `${exercise.label}: ${exercise.score}/${exercise.maxScore}`,
  )
  return {
    score: tests.reduce((sum, test) => sum + test.score, 0),
    max_score: tests.reduce((sum, test) => sum + test.max_score, 0),
    execution_time: Math.round(elapsedMs / 1000),
    output: [...warnings, ...problems, ...lines].join('\n'),
    tests,
    extra_data: { integrity: [...integrity], problems },
  }
}
