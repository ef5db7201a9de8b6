import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Exercise, readPoints } from './exercises.ts'
import { applyMutant, readMutant } from './mutants.ts'
import type { GradeTarget } from './score.ts'

/** A fresh `.grade-tmp/<run id>/` inside the project, so `node_modules` still resolves. */
export interface Workspace {
  dir: string
  remove(): Promise<void>
}

/** What to put in the student file's place in a work copy. */
export type Variant = 'solution' | 'starter' | { mutant: string }

export async function createWorkspace(repoRoot: string): Promise<Workspace> {
  const parent = join(repoRoot, '.grade-tmp')
  await mkdir(parent, { recursive: true })
  const dir = await mkdtemp(join(parent, 'run-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

async function topLevelFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
}

// A solution or mutant lives one folder below the tests; in the work copy it sits beside them.
const parentImport = /((?:from|import)\s*\(?\s*)(['"])\.\.\//g

async function copyOneLevelUp(from: string, to: string): Promise<void> {
  await writeOneLevelUp(await readFile(from, 'utf8'), to)
}

async function writeOneLevelUp(source: string, to: string): Promise<void> {
  await writeFile(to, source.replace(parentImport, '$1$2./'))
}

/** The source of one mutant of `exercise`: its solution with the mutant's edits made. */
export async function mutantSource(exercise: Exercise, mutant: string): Promise<string> {
  const solution = await readFile(join(exercise.dir, 'solution', exercise.studentFile), 'utf8')
  return applyMutant(solution, await readMutant(join(exercise.dir, 'mutants', mutant)), mutant)
}

function variantLabel(variant: Variant): string {
  return typeof variant === 'string' ? variant : `mutant ${variant.mutant.replace(/\.json$/, '')}`
}

/**
 * Copies an exercise's tests into the workspace with `variant` as the student file, so that the
 * solution, the starter and every mutant can be graded side by side in one Vitest run.
 */
export async function copyVariant(
  workspace: Workspace,
  exercise: Exercise,
  variant: Variant,
): Promise<GradeTarget> {
  const label = variantLabel(variant)
  const dir = join(workspace.dir, `${exercise.name}__${label.replace(/[^a-z0-9-]+/gi, '-')}`)
  await mkdir(dir, { recursive: true })
  for (const name of await topLevelFiles(exercise.dir)) {
    if (name === exercise.studentFile || name.endsWith('.md')) continue
    await copyFile(join(exercise.dir, name), join(dir, name))
  }
  const studentCopy = join(dir, exercise.studentFile)
  if (variant === 'starter') {
    await copyFile(join(exercise.dir, exercise.studentFile), studentCopy)
  } else if (variant === 'solution') {
    const solutionDir = join(exercise.dir, 'solution')
    for (const name of await topLevelFiles(solutionDir)) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
        await copyOneLevelUp(join(solutionDir, name), join(dir, name))
      }
    }
  } else {
    await writeOneLevelUp(await mutantSource(exercise, variant.mutant), studentCopy)
  }
  const points = await readPoints(join(exercise.dir, 'points.json'))
  return { label: `${exercise.name} (${label})`, exerciseName: exercise.name, dir, points }
}

/**
 * Copies the student's code (not their tests) and puts the original tests, harness and points
 * beside it: grading with pristine tests whatever the student changed or added.
 */
export async function copyWithPristineTests(
  workspace: Workspace,
  exercise: Exercise,
  pristineDir: string,
): Promise<GradeTarget> {
  const dir = join(workspace.dir, exercise.name)
  await mkdir(dir, { recursive: true })
  for (const name of await topLevelFiles(exercise.dir)) {
    if (name.endsWith('.test.ts') || name === 'points.json') continue
    await copyFile(join(exercise.dir, name), join(dir, name))
  }
  for (const name of await topLevelFiles(pristineDir)) {
    if (name === exercise.studentFile || name.endsWith('.md')) continue
    await copyFile(join(pristineDir, name), join(dir, name))
  }
  const points = await readPoints(join(pristineDir, 'points.json'))
  return { label: exercise.name, exerciseName: exercise.name, dir, points }
}

export async function listMutants(exercise: Exercise): Promise<string[]> {
  const names = await readdir(join(exercise.dir, 'mutants')).catch(() => [])
  return names.filter((name) => name.endsWith('.json')).sort()
}
