import type { Exercise } from './exercises.ts'
import { MESSAGES, type Messages } from './messages.ts'

/** Thrown for a name on the command line that is no exercise; the grader exits 2. */
export class UnknownExerciseError extends Error {}

/**
 * The exercises named on the command line, by full name (`02-frames`) or number (`02`), in the
 * order of `all`; all of them when no name is given.
 */
export function selectExercises(
  all: readonly Exercise[],
  names: readonly string[],
  t: Messages = MESSAGES.en,
): Exercise[] {
  if (names.length === 0) return [...all]
  const chosen = new Set<Exercise>()
  for (const name of names) {
    const trimmed = name.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '')
    const match = all.find(
      (exercise) => exercise.name === trimmed || exercise.name.slice(0, 2) === trimmed,
    )
    if (!match) {
      const valid = all.length ? all.map((exercise) => exercise.name).join(', ') : '(none found)'
      throw new UnknownExerciseError(t.unknownExercise(name, valid))
    }
    chosen.add(match)
  }
  return all.filter((exercise) => chosen.has(exercise))
}
