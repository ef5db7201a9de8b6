import type { IntegrityFinding } from './checksums.ts'
import type { GradedExercise, GradedTest } from './score.ts'

/** Colours for the terminal report; every function is the identity when colour is off. */
export interface Style {
  pass(text: string): string
  fail(text: string): string
  warn(text: string): string
  dim(text: string): string
  bold(text: string): string
}

const paint =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`

const plain = (text: string): string => text

export const noColour: Style = { pass: plain, fail: plain, warn: plain, dim: plain, bold: plain }

const colour: Style = {
  pass: paint(32, 39),
  fail: paint(31, 39),
  warn: paint(33, 39),
  dim: paint(2, 22),
  bold: paint(1, 22),
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function chooseStyle(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  const noColorSet = env.NO_COLOR !== undefined && env.NO_COLOR !== ''
  return isTTY && !noColorSet ? colour : noColour
}

export function formatPoints(points: number): string {
  return String(Number(points.toFixed(2)))
}

function formatDuration(test: GradedTest): string {
  if (test.status === 'not run') return 'not run'
  return `${Math.round(test.durationMs ?? 0)} ms`
}

const MAX_REASON_LENGTH = 200

/** A PASS/FAIL line; under a FAIL, why (unless `previousReason` already said it). */
export function formatTest(test: GradedTest, style: Style, previousReason = ''): string[] {
  const mark = test.status === 'passed' ? style.pass('PASS') : style.fail('FAIL')
  const points = `${formatPoints(test.score)}/${formatPoints(test.maxScore)}`
  const line = `  ${mark}  ${test.name}  ${style.dim(`(${formatDuration(test)})`)}  ${points}`
  if (test.status === 'passed' || test.reason === previousReason) return [line]
  const reason =
    test.reason.length > MAX_REASON_LENGTH
      ? `${test.reason.slice(0, MAX_REASON_LENGTH)}…`
      : test.reason
  return [line, `        ${style.dim(reason)}`]
}

// A file that fails to import fails all its tests for one reason: say it once, not 20 times.
function formatTests(tests: readonly GradedTest[], style: Style): string[] {
  return tests.flatMap((test, index) => {
    const previous = tests[index - 1]
    const repeated = test.status === 'not run' && previous?.status === 'not run'
    return formatTest(test, style, repeated ? previous.reason : '')
  })
}

function scoreStyle(exercise: GradedExercise, style: Style): (text: string) => string {
  if (exercise.score === exercise.maxScore && exercise.problems.length === 0) return style.pass
  return exercise.score === 0 ? style.fail : style.warn
}

export function formatExercise(exercise: GradedExercise, style: Style): string {
  const total = `${formatPoints(exercise.score)}/${formatPoints(exercise.maxScore)}`
  return [
    style.bold(exercise.label),
    ...formatTests(exercise.tests, style),
    ...exercise.problems.map((problem) => `  ${style.warn('EXERCISE ERROR')}  ${problem}`),
    `${style.bold(exercise.label)}  ${scoreStyle(exercise, style)(total)}`,
    '',
  ].join('\n')
}

export function formatSummary(exercises: readonly GradedExercise[], style: Style): string {
  const width = Math.max(5, ...exercises.map((exercise) => exercise.label.length))
  const rows = exercises.map(
    (exercise) =>
      `${exercise.label.padEnd(width)}  ${scoreStyle(exercise, style)(`${formatPoints(exercise.score)}/${formatPoints(exercise.maxScore)}`)}`,
  )
  const score = exercises.reduce((sum, exercise) => sum + exercise.score, 0)
  const maxScore = exercises.reduce((sum, exercise) => sum + exercise.maxScore, 0)
  const total = style.bold(
    `${'Total'.padEnd(width)}  ${formatPoints(score)}/${formatPoints(maxScore)}`,
  )
  return [...(exercises.length > 1 ? rows : []), total].join('\n')
}

export function formatIntegrity(
  findings: readonly IntegrityFinding[],
  style: Style,
  pristineUsed: boolean,
): string {
  const remedy = pristineUsed
    ? 'graded with the original tests instead'
    : 'grade with --pristine DIR to use the original tests'
  return findings
    .map((finding) => {
      const what =
        finding.problem === 'not in the checksum manifest'
          ? `${finding.file} has no checksums: its tests cannot be verified`
          : `${finding.file} was ${finding.problem}: ${remedy}`
      return style.warn(`WARNING  ${what}`)
    })
    .join('\n')
}
