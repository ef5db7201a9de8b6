import { describe, expect, it } from 'vitest'
import { formatBytes, formatMs } from './format.ts'

describe('formatBytes', () => {
  it('shows small counts in whole bytes', () => {
    expect(formatBytes(312)).toBe('312 B')
  })
  it('switches to decimal kilobytes at 1000 B', () => {
    expect(formatBytes(1234)).toBe('1.2 kB')
    expect(formatBytes(2_500_000)).toBe('2.5 MB')
  })
  it('uses a decimal comma in pt-BR', () => {
    expect(formatBytes(1234, 'pt-BR')).toBe('1,2 kB')
  })
})

describe('formatMs', () => {
  it('keeps one decimal below 10 ms and none above', () => {
    expect(formatMs(4.26)).toBe('4.3 ms')
    expect(formatMs(734.4)).toBe('734 ms')
  })

  it('switches to seconds from 1000 ms, with the decimal comma in pt-BR', () => {
    expect(formatMs(1234.4)).toBe('1.23 s')
    expect(formatMs(2521, 'pt-BR')).toBe('2,52 s')
  })
})
