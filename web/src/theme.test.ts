import { describe, expect, it } from 'vitest'
import { nextPreference, parsePreference, resolveTheme } from './theme.ts'

describe('theme preference', () => {
  it('follows the system only while the preference is automatic', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
  })

  it('cycles automatic → light → dark → automatic', () => {
    expect([nextPreference('system'), nextPreference('light'), nextPreference('dark')]).toEqual([
      'light',
      'dark',
      'system',
    ])
  })

  it('reads an unknown or missing stored value as automatic', () => {
    expect(parsePreference('dark')).toBe('dark')
    expect(parsePreference('purple')).toBe('system')
    expect(parsePreference(null)).toBe('system')
  })
})
