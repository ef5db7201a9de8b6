import { readdir } from 'node:fs/promises'
import type { RunEvent } from './run-events.ts'
import { runVitest, type VitestRun } from './run-vitest.ts'
import { type GradedExercise, type GradeTarget, scoreTarget } from './score.ts'

export interface GradeRunOptions {
  repoRoot: string
  /** The folder Vitest scans; every target lies inside it. */
  dir: string
  targets: readonly GradeTarget[]
  /** See `VitestRunOptions.isolate`. */
  isolate?: boolean
  /** Called once per target, as soon as all its test files have finished. */
  onGraded?: (exercise: GradedExercise) => void
  onEvent?: (event: RunEvent) => void
}

export interface GradeRunResult {
  /** In the order of the targets. */
  exercises: GradedExercise[]
  run: VitestRun
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

  const finish = (target: GradeTarget): void => {
    if (graded.has(target)) return
    const exercise = scoreTarget(target, seen)
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
      const target = options.targets.find((candidate) =>
        slashed(event.file).startsWith(slashed(candidate.dir)),
      )
      if (!target) return
      const left = (pendingFiles.get(target) ?? 1) - 1
      pendingFiles.set(target, left)
      if (left <= 0) finish(target)
    },
  })
  for (const target of options.targets) finish(target)
  const exercises = options.targets.map((target) => graded.get(target) ?? scoreTarget(target, run))
  return { exercises, run, elapsedMs: performance.now() - started }
}
