import { stripVTControlCharacters } from 'node:util'
import type { PointsTable } from './exercises.ts'
import { MESSAGES, type Messages } from './messages.ts'
import type { ReportedError } from './run-events.ts'
import type { VitestRun } from './run-vitest.ts'
import { describeSyntaxError, parseSyntaxError } from './syntax-error.ts'
import { TYPE_ERROR_PENALTY, type TypeDiagnostic } from './type-check.ts'

/** One folder of tests graded in a run: an exercise in place, or a work copy of it. */
export interface GradeTarget {
  /** How the report names it: `02-frames`, or `02-frames (mutant empty-is-one)`. */
  label: string
  exerciseName: string
  /** Absolute folder whose test files ran. */
  dir: string
  points: PointsTable
}

export type TestStatus = 'passed' | 'failed' | 'not run'

export interface GradedTest {
  /** Full test name: describe titles and test title joined by ` > `. */
  name: string
  status: TestStatus
  score: number
  maxScore: number
  durationMs: number | undefined
  /** One line that says why it failed; empty when it passed. */
  reason: string
  /** The whole failure text (messages and diffs), for the JSON output. */
  output: string
}

export interface GradedExercise {
  label: string
  exerciseName: string
  score: number
  maxScore: number
  tests: GradedTest[]
  /** What `tsc` found in the exercise's files; `undefined` when they could not be checked. */
  typeErrors: TypeDiagnostic[] | undefined
  /** Points the type errors took from what the tests earned. */
  typePenalty: number
  /** Defects of the exercise itself (tests missing from points.json, …), not of the student. */
  problems: string[]
}

// Vitest reports `C:/…` on Windows: compare paths with forward slashes only.
const slashed = (path: string): string => path.replaceAll('\\', '/')

function isInside(file: string, dir: string): boolean {
  const folder = slashed(dir).replace(/\/?$/, '/')
  return slashed(file).startsWith(folder)
}

/** The first line of an error message, plus the next one when the first only announces it. */
export function summarize(message: string, t: Messages = MESSAGES.en): string {
  const lines = stripVTControlCharacters(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const first = lines[0] ?? t.noMessage
  return first.endsWith(':') && lines[1] ? `${first} ${lines[1]}` : first
}

function fullText(errors: readonly ReportedError[]): string {
  return errors
    .map((error) =>
      stripVTControlCharacters(error.diff ? `${error.message}\n${error.diff}` : error.message),
    )
    .join('\n\n')
}

export function scoreTarget(
  target: GradeTarget,
  run: Pick<VitestRun, 'tests' | 'modules'>,
  typeErrors?: TypeDiagnostic[],
  t: Messages = MESSAGES.en,
): GradedExercise {
  const ranHere = run.tests.filter((test) => isInside(test.file, target.dir))
  const modulesHere = run.modules.filter((module) => isInside(module.file, target.dir))
  const moduleErrors = modulesHere.flatMap((module) => module.errors)
  const problems: string[] = []

  const syntaxError = moduleErrors[0] && parseSyntaxError(moduleErrors[0].message)
  const notRunReason = t.didNotRun(
    moduleErrors[0] !== undefined
      ? syntaxError
        ? describeSyntaxError(syntaxError)
        : summarize(moduleErrors[0].message, t)
      : modulesHere.length === 0
        ? t.noTestFileRan
        : t.noTestWithThisName,
  )

  const tests: GradedTest[] = Object.entries(target.points).map(([name, maxScore]) => {
    const runs = ranHere.filter((test) => test.fullName === name)
    if (runs.length > 1) problems.push(t.testTwice(name, runs.length))
    const failed = runs.find((test) => test.state !== 'passed')
    const durationMs = runs.length
      ? runs.reduce((sum, test) => sum + test.durationMs, 0)
      : undefined
    if (runs.length === 0) {
      const output = moduleErrors.length ? fullText(moduleErrors) : notRunReason
      return {
        name,
        status: 'not run',
        score: 0,
        maxScore,
        durationMs,
        reason: notRunReason,
        output,
      }
    }
    if (failed) {
      // A test is skipped when its `beforeAll` threw: the suite's error is the reason.
      const reason =
        failed.state === 'skipped'
          ? t.skipped(moduleErrors[0] ? summarize(moduleErrors[0].message, t) : '')
          : summarize(failed.errors[0]?.message ?? t.noMessage, t)
      const errors = failed.state === 'skipped' ? moduleErrors : failed.errors
      const output = errors.length ? fullText(errors) : reason
      return { name, status: 'failed', score: 0, maxScore, durationMs, reason, output }
    }
    return { name, status: 'passed', score: maxScore, maxScore, durationMs, reason: '', output: '' }
  })

  const unknown = new Set(
    ranHere.map((test) => test.fullName).filter((name) => !Object.hasOwn(target.points, name)),
  )
  for (const name of unknown) {
    problems.push(t.notInPoints(name))
  }

  // Points like 0.1 + 0.2 must add up to 0.3, not 0.30000000000000004.
  const total = (values: number[]): number =>
    Math.round(values.reduce((sum, value) => sum + value, 0) * 1000) / 1000
  const earned = total(tests.map((test) => test.score))
  const typePenalty = typeErrors?.length ? Math.min(TYPE_ERROR_PENALTY, earned) : 0
  const maxScore = total(tests.map((test) => test.maxScore))
  return {
    label: target.label,
    exerciseName: target.exerciseName,
    score: total([earned, -typePenalty]),
    maxScore,
    tests,
    typeErrors,
    typePenalty,
    problems,
  }
}
