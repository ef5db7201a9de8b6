import { describe, expect, it } from 'vitest'
import { applyMutant } from './mutants.ts'

const solution = 'export function twice(n: number) {\n  return n * 2\n}\n'

describe('applyMutant', () => {
  it('makes each edit on the solution and names the bug on top', () => {
    const mutant = { bug: 'adds instead of doubling', edits: [{ find: 'n * 2', replace: 'n + 2' }] }
    expect(applyMutant(solution, mutant, 'adds')).toBe(
      '// Mutant: adds instead of doubling\nexport function twice(n: number) {\n  return n + 2\n}\n',
    )
  })

  it('refuses an edit whose text is not in the solution, or is there twice', () => {
    const missing = { bug: 'b', edits: [{ find: 'n * 3', replace: 'n' }] }
    expect(() => applyMutant(solution, missing, 'm')).toThrow(
      'mutant m, edit 1: its "find" text is not found',
    )
    const twice = { bug: 'b', edits: [{ find: 'n', replace: 'm' }] }
    expect(() => applyMutant(solution, twice, 'm')).toThrow('found more than once')
  })
})
