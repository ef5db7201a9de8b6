import { describe, expect, it } from 'vitest'
import { joinFailure, normalizeCode } from './join-failure.ts'

describe('joinFailure', () => {
  it('names each refusal of POST /api/class/join', () => {
    expect(joinFailure(401)).toBe('wrongCode')
    expect(joinFailure(400)).toBe('badName')
    expect(joinFailure(403)).toBe('reservedName')
    expect(joinFailure(409)).toBe('nameInUse')
    expect(joinFailure(429)).toBe('tooManyTries')
  })

  it('tells no answer apart from an unexpected one', () => {
    expect(joinFailure(0)).toBe('offline')
    expect(joinFailure(500)).toBe('other')
  })
})

describe('normalizeCode', () => {
  it('drops the spaces a phone keyboard adds and reads the code in upper case', () => {
    expect(normalizeCode(' ab3 k9x ')).toBe('AB3K9X')
  })
})
