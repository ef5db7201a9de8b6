import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../server/src/protocol.ts'
import { counterLevel, draftProblem, TEXT_MAX_CHARS, USER_MAX_CHARS } from './draft.ts'

describe('draft rules', () => {
  it('mirror the server limits', () => {
    expect(TEXT_MAX_CHARS).toBe(LIMITS.textMaxChars)
    expect(USER_MAX_CHARS).toBe(LIMITS.userMaxChars)
  })

  it('refuse a missing name and blank-only text, naming the problem', () => {
    expect(draftProblem('  ', 'hi')).toBe('noName')
    expect(draftProblem('ana', '   ')).toBe('noText')
    expect(draftProblem('ana', '')).toBe('noText')
    expect(draftProblem('ana', ' hi ')).toBeNull()
  })

  it('count as the server does: JS string length, so an emoji is two', () => {
    expect(draftProblem('a'.repeat(32), 'x')).toBeNull()
    expect(draftProblem('a'.repeat(33), 'x')).toBe('nameTooLong')
    expect(draftProblem('ana', 'x'.repeat(2000))).toBeNull()
    expect(draftProblem('ana', `${'x'.repeat(1999)}😀`)).toBe('textTooLong')
  })

  it('show the counter from 1800 characters and warn at and over the limit', () => {
    expect(counterLevel(1799)).toBe('hidden')
    expect(counterLevel(1800)).toBe('near')
    expect(counterLevel(2000)).toBe('limit')
    expect(counterLevel(2001)).toBe('over')
  })
})
