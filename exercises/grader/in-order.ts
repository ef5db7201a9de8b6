import type { GradedExercise } from './score.ts'

/**
 * Exercises finish in any order (parallel workers); a report reads in exercise order. The returned
 * callback prints each exercise as soon as it and every exercise before it in `order` are done.
 */
export function inExerciseOrder(
  order: readonly { label: string }[],
  print: (exercise: GradedExercise) => void,
): (exercise: GradedExercise) => void {
  const done = new Map<string, GradedExercise>()
  let next = 0
  return (exercise) => {
    done.set(exercise.label, exercise)
    for (;;) {
      const ready = done.get(order[next]?.label ?? '')
      if (!ready) return
      print(ready)
      next += 1
    }
  }
}
