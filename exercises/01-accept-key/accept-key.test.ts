import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { acceptKey, isValidClientKey } from './accept-key.ts'

const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ=='

/** What a call returned or, if it threw, "threw Error: …": a failure then shows what the code did. */
function outcome(call: () => unknown): unknown {
  try {
    return call()
  } catch (error) {
    return error instanceof Error
      ? `threw ${error.name}: ${error.message}`
      : `threw ${inspect(error)}`
  }
}

/** `{ key: what acceptKey did with it }`, so a failure names each key and its answer. */
function answers(keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, outcome(() => acceptKey(key))]))
}

/** `{ key: what isValidClientKey did with it }`, so a failure names the key it got wrong. */
function verdicts(keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, outcome(() => isValidClientKey(key))]))
}

function all(keys: string[], verdict: boolean): Record<string, boolean> {
  return Object.fromEntries(keys.map((key) => [key, verdict]))
}

describe('acceptKey', () => {
  it('answers the RFC 6455 §1.3 sample key with s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', () => {
    expect(answers([RFC_KEY])).toEqual({ [RFC_KEY]: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' })
  })

  it('answers other client keys, including ones with + and / in them', () => {
    const expected = {
      'x3JJHMbDL1EzLkh9GBhXDw==': 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=',
      'AAAAAAAAAAAAAAAAAAAAAA==': 'ICX+Yqv66kxgM0FcWaLWlFLwTAI=',
      '/////////////////////w==': 'XXpj4jYzLM2yUE0C7TIgMwTQh2g=',
      '++++ABEiM0RVZneImaq7zA==': 'qhXd1DkdU3+YfFaFrbJ6cx3Q2Rw=',
    }
    expect(answers(Object.keys(expected))).toEqual(expected)
  })

  it('hashes the key as text, so even a key that is not base64 gets an answer', () => {
    expect(answers(['not base64!'])).toEqual({
      'not base64!': 'qNFXnHRWK9gXMY88SCqWaExzK/Q=',
    })
  })

  it('returns 28 base64 characters that decode to the 20 bytes of a SHA-1 digest', () => {
    for (const key of [RFC_KEY, 'x3JJHMbDL1EzLkh9GBhXDw==']) {
      const accept = acceptKey(key)
      expect(accept, `acceptKey(${inspect(key)})`).toMatch(/^[A-Za-z0-9+/]{27}=$/)
      expect(Buffer.from(accept, 'base64').length, `bytes that ${accept} decodes to`).toBe(20)
    }
  })
})

describe('isValidClientKey', () => {
  it('accepts the RFC 6455 sample key dGhlIHNhbXBsZSBub25jZQ==', () => {
    expect(verdicts([RFC_KEY])).toEqual(all([RFC_KEY], true))
  })

  it('accepts keys that use every kind of character of the alphabet: A–Z a–z 0–9 + /', () => {
    const keys = [
      'AAAAAAAAAAAAAAAAAAAAAA==',
      '/////////////////////w==',
      'x3JJHMbDL1EzLkh9GBhXDw==',
      '++++ABEiM0RVZneImaq7zA==',
      'Pj4+Pj4+Pj4+Pj4+Pj4+Pg==',
    ]
    expect(verdicts(keys)).toEqual(all(keys, true))
  })

  it('accepts any character of the alphabet before the ==, as ws does', () => {
    // Only A, Q, g and w leave the 4 padding bits at 0; the task, like ws, does not check them.
    const keys = [
      'AAAAAAAAAAAAAAAAAAAAAB==',
      'dGhlIHNhbXBsZSBub25jZZ==',
      'x3JJHMbDL1EzLkh9GBhXD/==',
    ]
    expect(verdicts(keys)).toEqual(all(keys, true))
  })

  it('rejects a key without its == padding', () => {
    expect(verdicts(['dGhlIHNhbXBsZSBub25jZQ'])).toEqual(all(['dGhlIHNhbXBsZSBub25jZQ'], false))
  })

  it('rejects 24 characters that encode 17 or 18 bytes', () => {
    const keys = ['AAAAAAAAAAAAAAAAAAAAAAA=', 'AAAAAAAAAAAAAAAAAAAAAAAA']
    expect(verdicts(keys)).toEqual(all(keys, false))
  })

  it('rejects keys of 15 or 20 bytes', () => {
    const keys = ['AAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=']
    expect(verdicts(keys)).toEqual(all(keys, false))
  })

  it('rejects a valid key with anything before or after it: the rule covers the whole string', () => {
    const keys = [
      `x${RFC_KEY}`,
      `${RFC_KEY}x`,
      ` ${RFC_KEY}`,
      `${RFC_KEY}\n`,
      `\n${RFC_KEY}`,
      `${RFC_KEY}==`,
      `${RFC_KEY}${RFC_KEY}`,
    ]
    expect(verdicts(keys)).toEqual(all(keys, false))
  })

  it('rejects base64url characters - and _', () => {
    const keys = [
      '-_-_-_-_-_-_-_-_-_-_-w==',
      '-GhlIHNhbXBsZSBub25jZQ==',
      '_GhlIHNhbXBsZSBub25jZQ==',
    ]
    expect(verdicts(keys)).toEqual(all(keys, false))
  })

  it('rejects = anywhere but in the last two places', () => {
    const keys = [
      'dGhlIHNhbXBsZSBub25j====',
      'dGhlIHNhbXBs=SBub25jZQ==',
      '========================',
    ]
    expect(verdicts(keys)).toEqual(all(keys, false))
  })

  it('rejects a key with a space inside it', () => {
    expect(verdicts(['dGhlIHNhbXBsZSBu b25jZQ=='])).toEqual(
      all(['dGhlIHNhbXBsZSBu b25jZQ=='], false),
    )
  })

  it('rejects the empty string', () => {
    expect(verdicts([''])).toEqual(all([''], false))
  })
})
