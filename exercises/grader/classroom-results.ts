import { MESSAGES, type Messages } from './messages.ts'
import type { GradedExercise } from './score.ts'
import { typeCheckEntry } from './type-check.ts'

// The result format of GitHub Classroom's runner actions (autograding-command-grader and friends),
// which autograding-grading-reporter reads: it sums `tests[].score` and `max_score` per runner.

export interface ClassroomTest {
  name: string
  status: 'pass' | 'fail' | 'error'
  score: number
  message: string
  test_code: string
  filename: string
  line_no: number
  duration: number
}

export interface ClassroomResult {
  version: 1
  status: 'pass' | 'fail' | 'error'
  max_score: number
  tests: ClassroomTest[]
}

/** The reporter accepts runner ids of letters and digits only: `02-frames` → `ex02frames`. */
export function runnerId(exerciseName: string): string {
  return `ex${exerciseName.replaceAll(/[^a-z0-9]/gi, '').toLowerCase()}`
}

export function classroomResult(
  exercise: GradedExercise,
  t: Messages = MESSAGES.en,
): ClassroomResult {
  const fullMarks = exercise.score === exercise.maxScore && exercise.problems.length === 0
  const typeCheck = typeCheckEntry(exercise, t)
  const check = (name: string, passed: boolean, score: number, message: string, ms = 0) => ({
    name,
    status: passed ? ('pass' as const) : ('fail' as const),
    score,
    message,
    test_code: '',
    filename: '',
    line_no: 0,
    duration: Math.round(ms),
  })
  return {
    version: 1,
    status: fullMarks ? 'pass' : 'fail',
    max_score: exercise.maxScore,
    tests: [
      ...exercise.tests.map((test) =>
        check(test.name, test.status === 'passed', test.score, test.reason, test.durationMs),
      ),
      // The reporter adds scores up: type errors take their points from what the tests earned.
      ...(typeCheck
        ? [check(typeCheck.name, typeCheck.passed, typeCheck.score, typeCheck.output)]
        : []),
    ],
  }
}

/** The lines appended to `$GITHUB_OUTPUT`: `<runner id>=<base64 JSON>`, one per exercise. */
export function classroomOutputs(
  exercises: readonly GradedExercise[],
  t: Messages = MESSAGES.en,
): string {
  return exercises
    .map((exercise) => {
      const json = JSON.stringify(classroomResult(exercise, t))
      return `${runnerId(exercise.exerciseName)}=${Buffer.from(json).toString('base64')}\n`
    })
    .join('')
}
