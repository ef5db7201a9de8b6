import { describe, expect, it } from 'vitest'
import { acceptKey, isValidClientKey } from './accept-key.ts'

describe('acceptKey', () => {
  it('answers the RFC 6455 §1.3 sample key with s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=')
  })

  it('answers other client keys, including ones with + and / in them', () => {
    expect(acceptKey('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=')
    expect(acceptKey('AAAAAAAAAAAAAAAAAAAAAA==')).toBe('ICX+Yqv66kxgM0FcWaLWlFLwTAI=')
    expect(acceptKey('/////////////////////w==')).toBe('XXpj4jYzLM2yUE0C7TIgMwTQh2g=')
  })

  it('hashes the key as text, so even a key that is not base64 gets an answer', () => {
    expect(acceptKey('not base64!')).toBe('qNFXnHRWK9gXMY88SCqWaExzK/Q=')
  })

  it('returns 28 base64 characters that decode to the 20 bytes of a SHA-1 digest', () => {
    for (const key of ['dGhlIHNhbXBsZSBub25jZQ==', 'x3JJHMbDL1EzLkh9GBhXDw==']) {
      const accept = acceptKey(key)
      expect(accept).toMatch(/^[A-Za-z0-9+/]{27}=$/)
      expect(Buffer.from(accept, 'base64')).toHaveLength(20)
    }
  })
})

describe('isValidClientKey', () => {
  it('accepts the RFC 6455 sample key dGhlIHNhbXBsZSBub25jZQ==', () => {
    expect(isValidClientKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe(true)
  })

  it('accepts 16 bytes of zeros and 16 bytes of 0xff, which use + and / in base64', () => {
    expect(isValidClientKey('AAAAAAAAAAAAAAAAAAAAAA==')).toBe(true)
    expect(isValidClientKey('/////////////////////w==')).toBe(true)
    expect(isValidClientKey('x3JJHMbDL1EzLkh9GBhXDw==')).toBe(true)
  })

  it('rejects a key without its == padding', () => {
    expect(isValidClientKey('dGhlIHNhbXBsZSBub25jZQ')).toBe(false)
  })

  it('rejects 24 characters that encode 17 or 18 bytes', () => {
    expect(isValidClientKey('AAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false)
    expect(isValidClientKey('AAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false)
  })

  it('rejects keys of 15 or 20 bytes', () => {
    expect(isValidClientKey('AAAAAAAAAAAAAAAAAAAA')).toBe(false)
    expect(isValidClientKey('AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false)
  })

  it('rejects base64url characters - and _', () => {
    expect(isValidClientKey('-_-_-_-_-_-_-_-_-_-_-w==')).toBe(false)
  })

  it('rejects a key with a space inside it', () => {
    expect(isValidClientKey('dGhlIHNhbXBsZSBu b25jZQ==')).toBe(false)
  })

  it('rejects the empty string', () => {
    expect(isValidClientKey('')).toBe(false)
  })
})
