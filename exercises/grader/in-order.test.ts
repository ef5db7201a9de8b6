import { describe, expect, it } from 'vitest'
import { inExerciseOrder } from './in-order.ts'
import type { GradedExercise } from './score.ts'

const graded = (label: string) => ({ label }) as GradedExercise

describe('inExerciseOrder', () => {
  it('prints exercises in their order, whatever order they finish in', () => {
    const printed: string[] = []
    const order = ['01-a', '02-b', '03-c'].map((label) => ({ label }))
    const onGraded = inExerciseOrder(order, (exercise) => printed.push(exercise.label))
    onGraded(graded('03-c'))
    expect(printed).toEqual([])
    onGraded(graded('01-a'))
    expect(printed).toEqual(['01-a'])
    onGraded(graded('02-b'))
    expect(printed).toEqual(['01-a', '02-b', '03-c'])
  })
})
