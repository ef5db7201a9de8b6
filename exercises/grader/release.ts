import { copyFile, lstat, mkdir, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { writeManifest } from './checksums.ts'
import { classroomWorkflow } from './classroom-workflow.ts'
import { discoverExercises, readPoints } from './exercises.ts'
import { type LeftOutReason, leftOutReason, trackedFiles } from './release-files.ts'

export interface ReleaseOptions {
  repoRoot: string
  /** Where the student copy goes. */
  outDir: string
  /** Empty a non-empty `outDir` first (keeping its `.git/`). */
  force: boolean
}

export interface ReleaseReport {
  copied: number
  leftOut: Map<LeftOutReason, number>
  exercises: { name: string; maxScore: number }[]
  workflowPath: string
}

/** Thrown when the destination is unsafe or not empty; the CLI exits 2. */
export class ReleaseRefusedError extends Error {}

async function prepareOutDir(options: ReleaseOptions): Promise<string> {
  const outDir = resolve(options.outDir)
  const fromRepo = relative(outDir, resolve(options.repoRoot))
  if (fromRepo === '' || !fromRepo.startsWith('..')) {
    throw new ReleaseRefusedError(
      `${outDir} is or contains the project itself; choose another folder`,
    )
  }
  const entries = await readdir(outDir).catch(() => [])
  if (entries.length > 0 && !options.force) {
    throw new ReleaseRefusedError(`${outDir} is not empty; use --force to replace its content`)
  }
  // An instructor refreshes a clone of the template repository: its history stays.
  for (const entry of entries.filter((name) => name !== '.git')) {
    await rm(join(outDir, entry), { recursive: true, force: true })
  }
  await mkdir(outDir, { recursive: true })
  return outDir
}

async function copyTracked(from: string, to: string): Promise<boolean> {
  const info = await lstat(from).catch(() => undefined)
  if (!info) return false
  await mkdir(dirname(to), { recursive: true })
  if (info.isSymbolicLink()) await symlink(await readlink(from), to)
  else await copyFile(from, to)
  return true
}

/** Writes the student copy of the project: no solutions, mutants or answer keys; Classroom CI. */
export async function releaseStudent(options: ReleaseOptions): Promise<ReleaseReport> {
  const outDir = await prepareOutDir(options)
  const leftOut = new Map<LeftOutReason, number>()
  let copied = 0
  for (const path of trackedFiles(options.repoRoot)) {
    const reason = leftOutReason(path)
    if (reason) leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1)
    else if (await copyTracked(join(options.repoRoot, path), join(outDir, path))) copied += 1
  }

  const exercisesDir = join(outDir, 'exercises')
  const exercises = []
  for (const exercise of await discoverExercises(exercisesDir)) {
    const points = await readPoints(join(exercise.dir, 'points.json'))
    const maxScore = Object.values(points).reduce((sum, value) => sum + value, 0)
    exercises.push({ name: exercise.name, maxScore })
  }
  // The student copy's tests are the committed ones: its manifest must describe exactly those.
  if (exercises.length > 0) await writeManifest(exercisesDir)

  const workflowPath = join(outDir, '.github', 'workflows', 'classroom.yml')
  await mkdir(dirname(workflowPath), { recursive: true })
  await writeFile(workflowPath, classroomWorkflow(exercises))
  return { copied, leftOut, exercises, workflowPath }
}
