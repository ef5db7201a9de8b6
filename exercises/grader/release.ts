import { chmod, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { writeManifest } from './checksums.ts'
import { classroomWorkflow } from './classroom-workflow.ts'
import { discoverExercises, readPoints } from './exercises.ts'
import {
  COMPILED_IN_RELEASE,
  compiledPath,
  compileForRelease,
  pointImportsAtCompiled,
} from './release-compiled.ts'
import {
  type CommittedFile,
  committedFiles,
  type LeftOutReason,
  leftOutReason,
  uncommittedChanges,
} from './release-files.ts'

export interface ReleaseOptions {
  repoRoot: string
  /** Where the student copy goes. */
  outDir: string
  /** Empty a non-empty `outDir` first (keeping its `.git/`). */
  force: boolean
}

export interface ReleaseReport {
  copied: number
  /** Lab modules shipped compiled, since they would answer an exercise (release-compiled.ts). */
  compiled: string[]
  /** `git status` lines of the working tree's changes, which the release does not contain. */
  uncommitted: string[]
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

async function writeCommitted(file: CommittedFile, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  if (file.mode === '120000') await symlink(file.content.toString('utf8'), to)
  else await writeFile(to, file.content)
  if (file.mode === '100755') await chmod(to, 0o755)
}

/**
 * Writes the student copy of the project from its last commit: no solutions, mutants or answer
 * keys; Classroom CI.
 */
export async function releaseStudent(options: ReleaseOptions): Promise<ReleaseReport> {
  const outDir = await prepareOutDir(options)
  const leftOut = new Map<LeftOutReason, number>()
  let copied = 0
  const compiled: string[] = []
  for (const file of committedFiles(options.repoRoot)) {
    const reason = leftOutReason(file.path)
    const exercise = COMPILED_IN_RELEASE.get(file.path)
    if (reason) leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1)
    else if (exercise) {
      const { js, dts } = compileForRelease(file.path, file.content.toString('utf8'), exercise)
      const jsPath = compiledPath(file.path)
      await writeCommitted({ ...file, content: Buffer.from(js) }, join(outDir, jsPath))
      const dtsPath = jsPath.replace(/\.js$/, '.d.ts')
      await writeCommitted({ ...file, content: Buffer.from(dts) }, join(outDir, dtsPath))
      compiled.push(file.path)
    } else {
      const content = /\.(?:[cm]?[jt]s|tsx)$/.test(file.path)
        ? Buffer.from(pointImportsAtCompiled(file.path, file.content.toString('utf8')))
        : file.content
      await writeCommitted({ ...file, content }, join(outDir, file.path))
      copied += 1
    }
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
  return {
    copied,
    compiled,
    uncommitted: uncommittedChanges(options.repoRoot),
    leftOut,
    exercises,
    workflowPath,
  }
}
