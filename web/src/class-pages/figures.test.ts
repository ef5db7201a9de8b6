import { describe, expect, it } from 'vitest'
import {
  formatBytesPerMessage,
  formatDecimal,
  formatInterval,
  formatLatency,
  transportsIn,
} from './figures.ts'

describe('formatLatency', () => {
  it('shows a dash, not 0, where the server has no sample', () => {
    expect(formatLatency(null, 'en')).toBe('—')
  })

  it('writes milliseconds with the language’s decimal mark', () => {
    expect(formatLatency(4.26, 'pt-BR')).toBe('4,3 ms')
    expect(formatLatency(1234.4, 'en')).toBe('1.23 s')
  })
})

describe('formatBytesPerMessage', () => {
  it('keeps one decimal below 10 B and whole bytes above', () => {
    expect(formatBytesPerMessage(7.25, 'pt-BR')).toBe('7,3 B')
    expect(formatBytesPerMessage(312.6, 'en')).toBe('313 B')
    expect(formatBytesPerMessage(1234, 'en')).toBe('1,234 B')
    expect(formatBytesPerMessage(null, 'en')).toBe('—')
  })
})

describe('formatDecimal and formatInterval', () => {
  it('write settings as they were typed', () => {
    expect(formatDecimal(0.2, 'pt-BR')).toBe('0,2')
    expect(formatDecimal(5, 'en')).toBe('5')
    expect(formatInterval(250, 'en')).toBe('250 ms')
    expect(formatInterval(1000, 'pt-BR')).toBe('1 s')
    expect(formatInterval(1500, 'pt-BR')).toBe('1,5 s')
  })
})

describe('transportsIn', () => {
  it('lists the transports with figures in the lab page’s order', () => {
    expect(transportsIn({ ws: 1, poll: 2, socketio: 3 })).toEqual(['poll', 'ws', 'socketio'])
  })
})
