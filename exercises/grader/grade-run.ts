import { readdir } from 'node:fs/promises'
import type { Messages } from './messages.ts'
import type { RunEvent } from './run-events.ts'
import { runVitest, type VitestRun } from './run-vitest.ts'
import { type GradedExercise, type GradeTarget, scoreTarget } from './score.ts'
import { typeCheck } from './type-check.ts'

export interface GradeRunOptions {
  repoRoot: string
  /** The folder Vitest scans; every target lies inside it. */
  dir: string
  targets: readonly GradeTarget[]
  /** The language of the reasons; English when not given. */
  messages?: Messages
  /** See `VitestRunOptions.isolate`. */
  isolate?: boolean
  /** Called once per target, as soon as all its test files have finished (in that order). */
  onGraded?: (exercise: GradedExercise) => void
  onEvent?: (event: RunEvent) => void
}

export interface GradeRunResult {
  /** In the order of the targets. */
  exercises: GradedExercise[]
  run: VitestRun
  /** Errors that escaped the tests, with the label of the target whose file was running. */
  escapedErrors: { label: string | undefined; message: string }[]
  elapsedMs: number
}

const slashed = (path: string): string => path.replaceAll('\\', '/').replace(/\/?$/, '/')

async function countTestFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [])
  return names.filter((name) => name.endsWith('.test.ts')).length
}

/** Grades every target in one Vitest run. */
export async function gradeTargets(options: GradeRunOptions): Promise<GradeRunResult> {
  const started = performance.now()
  const pendingFiles = new Map<GradeTarget, number>()
  for (const target of options.targets) pendingFiles.set(target, await countTestFiles(target.dir))
  const graded = new Map<GradeTarget, GradedExercise>()
  const seen: Pick<VitestRun, 'tests' | 'modules'> = { tests: [], modules: [] }
  const targetOf = (file: string): GradeTarget | undefined =>
    options.targets.find((candidate) => slashed(file).startsWith(slashed(candidate.dir)))

  // tsc takes well under a second; it runs beside Vitest, and each target waits for it.
  // A tsc that cannot start leaves every target unchecked rather than failing the grade.
  const typeChecking = typeCheck(options.repoRoot, options.targets).catch(
    () => new Map<GradeTarget, undefined>(),
  )
  const finish = async (target: GradeTarget, from = seen): Promise<void> => {
    const typeErrors = (await typeChecking).get(target)
    if (graded.has(target)) return
    const exercise = scoreTarget(target, from, typeErrors, options.messages)
    graded.set(target, exercise)
    options.onGraded?.(exercise)
  }

  const run = await runVitest({
    repoRoot: options.repoRoot,
    dir: options.dir,
    only: options.targets.map((target) => target.dir),
    isolate: options.isolate ?? true,
    onEvent: (event) => {
      options.onEvent?.(event)
      if (event.type === 'test') seen.tests.push(event)
      if (event.type !== 'module') return
      seen.modules.push(event)
      const target = targetOf(event.file)
      if (!target) return
      const left = (pendingFiles.get(target) ?? 1) - 1
      pendingFiles.set(target, left)
      if (left <= 0) void finish(target)
    },
  })
  for (const target of options.targets) await finish(target, run)
  const exercises = options.targets.map((target) => graded.get(target) as GradedExercise)
  const escapedErrors = run.unhandledErrors.map((error) => ({
    label: error.file === undefined ? undefined : targetOf(error.file)?.label,
    message: error.message,
  }))
  return { exercises, run, escapedErrors, elapsedMs: performance.now() - started }
}
