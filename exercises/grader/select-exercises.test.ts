import { describe, expect, it } from 'vitest'
import { exerciseAt } from './exercises.ts'
import { selectExercises, UnknownExerciseError } from './select-exercises.ts'

const all = ['01-accept-key', '02-frames', '10-fanout'].map((name) => exerciseAt('/x', name))

describe('selectExercises', () => {
  it('takes every exercise when none is named', () => {
    expect(selectExercises(all, [])).toEqual(all)
  })

  it('accepts full names, numbers and folder paths, in exercise order', () => {
    const chosen = selectExercises(all, ['10', 'exercises/02-frames/'])
    expect(chosen.map((exercise) => exercise.name)).toEqual(['02-frames', '10-fanout'])
  })

  it('rejects an unknown name and lists the valid ones', () => {
    expect(() => selectExercises(all, ['02-frame'])).toThrow(UnknownExerciseError)
    expect(() => selectExercises(all, ['02-frame'])).toThrow(
      'unknown exercise "02-frame"; the exercises are: 01-accept-key, 02-frames, 10-fanout',
    )
  })
})
