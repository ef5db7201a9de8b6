import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

/** One exercise folder, laid out as `exercises/README.en.md` describes. */
export interface Exercise {
  /** The folder name, e.g. `02-frames`. */
  name: string
  /** Absolute path of the folder. */
  dir: string
  /** The file the student fills in, e.g. `frames.ts`. */
  studentFile: string
}

/** `{ "full test name": points }`, the content of an exercise's `points.json`. */
export type PointsTable = Record<string, number>

export const EXERCISE_NAME = /^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$/

const pointsSchema = z.record(z.string().min(1), z.number().finite().nonnegative())

export function exerciseAt(dir: string, name: string): Exercise {
  return { name, dir: join(dir, name), studentFile: `${name.slice(3)}.ts` }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  )
}

/** Every `NN-name/` folder of `exercisesDir` that has a `points.json`, in name order. */
export async function discoverExercises(exercisesDir: string): Promise<Exercise[]> {
  const entries = await readdir(exercisesDir, { withFileTypes: true }).catch(() => [])
  const exercises: Exercise[] = []
  for (const entry of entries) {
    if (!entry.isDirectory() || !EXERCISE_NAME.test(entry.name)) continue
    if (await isFile(join(exercisesDir, entry.name, 'points.json'))) {
      exercises.push(exerciseAt(exercisesDir, entry.name))
    }
  }
  return exercises.sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The files that decide the grade and that a student must not change: `points.json` and every
 * top-level `.ts` file except the student file (the tests and any harness they import).
 */
export async function protectedFiles(exercise: Exercise): Promise<string[]> {
  const entries = await readdir(exercise.dir, { withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .filter(
      (name) => name === 'points.json' || (name.endsWith('.ts') && name !== exercise.studentFile),
    )
    .sort()
}

export async function readPoints(pointsPath: string): Promise<PointsTable> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(pointsPath, 'utf8'))
  } catch (error) {
    throw new Error(`${pointsPath} is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = pointsSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(
      `${pointsPath} must map each full test name to a number of points ≥ 0: ${z.prettifyError(parsed.error)}`,
    )
  }
  return parsed.data
}
