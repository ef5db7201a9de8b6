import type { IntegrityFinding } from './checksums.ts'
import { MESSAGES, type Messages } from './messages.ts'
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

function formatDuration(test: GradedTest, t: Messages): string {
  if (test.status === 'not run') return t.notRun
  return `${Math.round(test.durationMs ?? 0)} ms`
}

const MAX_REASON_LENGTH = 200
const MAX_TYPE_ERRORS_SHOWN = 5

const clip = (line: string): string =>
  line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH)}…` : line

const MAX_DIFF_LINES = 8

/**
 * The lines of Vitest's diff that differ (`- expected` / `+ received`), after its header: the
 * reason line is clipped, and the difference between two long values must still show.
 */
export function changedLines(output: string): string[] {
  const lines = output.split('\n')
  const header = lines.findIndex(
    (line, index) => line.trim() === '- Expected' && lines[index + 1]?.trim() === '+ Received',
  )
  if (header < 0) return []
  return lines.slice(header + 2).filter((line) => /^\s*[-+] /.test(line))
}

/** A PASS/FAIL line; under a FAIL, why (unless `previousReason` already said it). */
export function formatTest(
  test: GradedTest,
  style: Style,
  t: Messages = MESSAGES.en,
  previousReason = '',
): string[] {
  const mark = test.status === 'passed' ? style.pass(t.pass) : style.fail(t.fail)
  const points = `${formatPoints(test.score)}/${formatPoints(test.maxScore)}`
  const line = `  ${mark}  ${test.name}  ${style.dim(`(${formatDuration(test, t)})`)}  ${points}`
  if (test.status === 'passed' || test.reason === previousReason) return [line]
  // A syntax error's reason shows the offending line under its location: keep the lines apart.
  const reason = test.reason.split('\n').map((part) => `        ${style.dim(clip(part))}`)
  const diff = changedLines(test.output)
  const shown = diff.slice(0, MAX_DIFF_LINES).map((part) => `          ${style.dim(clip(part))}`)
  const more = diff.length > MAX_DIFF_LINES ? [`          ${style.dim('…')}`] : []
  return [line, ...reason, ...shown, ...more]
}

// A file that fails to import fails all its tests for one reason: say it once, not 20 times.
function formatTests(tests: readonly GradedTest[], style: Style, t: Messages): string[] {
  return tests.flatMap((test, index) => {
    const previous = tests[index - 1]
    const repeated = test.status === 'not run' && previous?.status === 'not run'
    return formatTest(test, style, t, repeated ? previous.reason : '')
  })
}

/**
 * The type check's line: nothing when it could not run, or when no test ran (the reason of the
 * tests already says what stopped them: a syntax error is one of tsc's errors too).
 */
function formatTypeCheck(exercise: GradedExercise, style: Style, t: Messages): string[] {
  const errors = exercise.typeErrors
  if (errors === undefined || exercise.tests.every((test) => test.status === 'not run')) return []
  if (errors.length === 0) return [`  ${style.pass(t.pass)}  ${t.typeCheck}: ${t.noTypeErrors}`]
  const penalty = exercise.typePenalty
    ? `  ${t.typePenalty(formatPoints(exercise.typePenalty))}`
    : ''
  const shown = errors
    .slice(0, MAX_TYPE_ERRORS_SHOWN)
    .map((error) =>
      style.dim(
        clip(`        ${error.file}:${error.line}:${error.column} ${error.code} ${error.message}`),
      ),
    )
  const more = errors.length - shown.length
  return [
    `  ${style.fail(t.fail)}  ${t.typeCheck}: ${t.typeErrors(errors.length)}${penalty}`,
    ...shown,
    ...(more > 0 ? [style.dim(`        ${t.moreTypeErrors(more)}`)] : []),
  ]
}

function scoreStyle(exercise: GradedExercise, style: Style): (text: string) => string {
  if (exercise.score === exercise.maxScore && exercise.problems.length === 0) return style.pass
  return exercise.score === 0 ? style.fail : style.warn
}

export function formatExercise(
  exercise: GradedExercise,
  style: Style,
  t: Messages = MESSAGES.en,
): string {
  const total = `${formatPoints(exercise.score)}/${formatPoints(exercise.maxScore)}`
  return [
    style.bold(exercise.label),
    ...formatTests(exercise.tests, style, t),
    ...formatTypeCheck(exercise, style, t),
    ...exercise.problems.map((problem) => `  ${style.warn(t.exerciseError)}  ${problem}`),
    `${style.bold(exercise.label)}  ${scoreStyle(exercise, style)(total)}`,
    '',
  ].join('\n')
}

export function formatSummary(
  exercises: readonly GradedExercise[],
  style: Style,
  t: Messages = MESSAGES.en,
): string {
  const width = Math.max(5, ...exercises.map((exercise) => exercise.label.length))
  const rows = exercises.map(
    (exercise) =>
      `${exercise.label.padEnd(width)}  ${scoreStyle(exercise, style)(`${formatPoints(exercise.score)}/${formatPoints(exercise.maxScore)}`)}`,
  )
  const score = exercises.reduce((sum, exercise) => sum + exercise.score, 0)
  const maxScore = exercises.reduce((sum, exercise) => sum + exercise.maxScore, 0)
  const total = style.bold(
    `${t.total.padEnd(width)}  ${formatPoints(score)}/${formatPoints(maxScore)}`,
  )
  return [...(exercises.length > 1 ? rows : []), total].join('\n')
}

export function formatIntegrity(
  findings: readonly IntegrityFinding[],
  style: Style,
  pristineUsed: boolean,
  t: Messages = MESSAGES.en,
): string {
  return findings
    .map((finding) => style.warn(`${t.warning}  ${t.integrity(finding, pristineUsed)}`))
    .join('\n')
}
