import { describe, expect, it } from 'vitest'
import { closeReason } from './websocket.ts'

describe('closeReason', () => {
  it('keeps a reason within the 123 bytes a close frame holds, cut on a whole character', () => {
    expect(closeReason('store unavailable')).toBe('store unavailable')
    const long = `${'é'.repeat(70)}`
    const cut = closeReason(long)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123)
    expect(cut).toBe('é'.repeat(61))
  })
})
