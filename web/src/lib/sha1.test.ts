import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha1 } from './sha1.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('sha1', () => {
  it('hashes the FIPS 180 examples "abc" and the empty message', () => {
    expect(hex(sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(hex(sha1(utf8('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709')
  })

  it('agrees with node:crypto on every length around the 64-byte block edges', () => {
    for (let length = 0; length <= 130; length++) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff)
      expect(hex(sha1(message)), `length ${length}`).toBe(
        createHash('sha1').update(message).digest('hex'),
      )
    }
  })
})
