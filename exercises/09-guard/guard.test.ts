import { describe, expect, it } from 'vitest'
import { isAllowedOrigin, type ParseResult, parseChatMessage, TokenBucket } from './guard.ts'

/** A clock the test moves by hand, in ms. */
function fakeClock(start = 0) {
  let now = start
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms
    },
  }
}

function takes(bucket: TokenBucket, count: number): boolean[] {
  return Array.from({ length: count }, () => bucket.take())
}

function chat(name: string, text: string): string {
  return JSON.stringify({ type: 'chat', name, text })
}

function codeOf(result: ParseResult): number | 'ok' {
  return result.ok ? 'ok' : result.code
}

describe('TokenBucket', () => {
  it('starts full: a burst of capacity takes succeeds, the next one fails', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(3, 1, clock.now)
    expect(takes(bucket, 4)).toEqual([true, true, true, false])
  })

  it('refills at refillPerSecond as the clock moves', () => {
    const clock = fakeClock(1_700_000_000_000)
    const bucket = new TokenBucket(2, 2, clock.now)
    expect(takes(bucket, 3)).toEqual([true, true, false])
    clock.set(1_700_000_000_499)
    expect(bucket.take()).toBe(false)
    clock.set(1_700_000_000_500)
    expect(takes(bucket, 2)).toEqual([true, false])
  })

  it('keeps fractional tokens between calls (0.6 + 0.6 = 1.2 tokens)', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(1, 1, clock.now)
    expect(bucket.take()).toBe(true)
    clock.set(600)
    expect(bucket.take()).toBe(false)
    clock.set(1200)
    expect(bucket.take()).toBe(true)
  })

  it('never holds more than capacity, however long it stays idle', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(3, 1, clock.now)
    takes(bucket, 3)
    clock.set(60 * 60 * 1000)
    expect(takes(bucket, 4)).toEqual([true, true, true, false])
  })

  it('takes n tokens at once, and a refused take consumes nothing', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(5, 0, clock.now)
    expect(bucket.take(3)).toBe(true)
    expect(bucket.take(3)).toBe(false)
    expect(bucket.take(2)).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('rejects a capacity that is not a positive number with a RangeError', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError)
    expect(() => new TokenBucket(-5, 1)).toThrow(RangeError)
    expect(() => new TokenBucket(Number.NaN, 1)).toThrow(RangeError)
  })
})

describe('parseChatMessage: accepted messages', () => {
  it('accepts a chat message given as a string', () => {
    expect(parseChatMessage('{"type":"chat","name":"ana","text":"oi, turma"}')).toEqual({
      ok: true,
      value: { type: 'chat', name: 'ana', text: 'oi, turma' },
    })
  })

  it('accepts the same kind of message as UTF-8 bytes, accents included', () => {
    const raw = Buffer.from('{"type":"chat","name":"joão","text":"olá, ação"}', 'utf8')
    expect(parseChatMessage(raw)).toEqual({
      ok: true,
      value: { type: 'chat', name: 'joão', text: 'olá, ação' },
    })
  })

  it('counts text length in characters, so 500 emoji fit and 501 do not', () => {
    expect(codeOf(parseChatMessage(chat('ana', '😀'.repeat(500))))).toBe('ok')
    expect(codeOf(parseChatMessage(chat('ana', '😀'.repeat(501))))).toBe(1008)
  })

  it('applies custom limits on top of the defaults', () => {
    const limits = { maxTextLength: 5 }
    expect(codeOf(parseChatMessage(chat('ana', 'olá!!'), limits))).toBe('ok')
    expect(codeOf(parseChatMessage(chat('ana', 'olá!!!'), limits))).toBe(1008)
    expect(codeOf(parseChatMessage(chat('a'.repeat(33), 'oi'), limits))).toBe(1008)
    expect(codeOf(parseChatMessage(chat('ana', 'x'.repeat(5000)), limits))).toBe(1009)
  })
})

describe('parseChatMessage: rejected messages', () => {
  it('rejects a message over maxBytes with 1009 before parsing it', () => {
    const notEvenJson = 'x'.repeat(5000)
    expect(codeOf(parseChatMessage(notEvenJson))).toBe(1009)
    expect(codeOf(parseChatMessage(Buffer.from(notEvenJson)))).toBe(1009)
  })

  it('counts the size in UTF-8 bytes, not characters: "çççççççç" is 10 characters, 18 bytes', () => {
    expect(codeOf(parseChatMessage('"çççççççç"', { maxBytes: 16 }))).toBe(1009)
    expect(codeOf(parseChatMessage(chat('ana', 'ç'.repeat(2040))))).toBe(1009)
  })

  it('rejects bytes that are not valid UTF-8 with 1007, even inside a JSON string', () => {
    expect(codeOf(parseChatMessage(Buffer.from('c328', 'hex')))).toBe(1007)
    const latin1 = Buffer.from('{"type":"chat","name":"ana","text":"olá"}', 'latin1')
    expect(codeOf(parseChatMessage(latin1))).toBe(1007)
    const truncatedEuroSign = Buffer.from('{"type":"chat","name":"ana","text":"€"}').subarray(0, 38)
    expect(codeOf(parseChatMessage(Buffer.concat([truncatedEuroSign, Buffer.from('"}')])))).toBe(
      1007,
    )
  })

  it('rejects text that is not JSON with 1007', () => {
    expect(codeOf(parseChatMessage('oi'))).toBe(1007)
    expect(codeOf(parseChatMessage('{"type":"chat"'))).toBe(1007)
    expect(codeOf(parseChatMessage("{'type':'chat','name':'ana','text':'oi'}"))).toBe(1007)
  })

  it('rejects JSON that is not a chat message with 1008', () => {
    const notChat = [
      '[]',
      'null',
      '"oi"',
      '42',
      '{"type":"join","name":"ana","text":"oi"}',
      '{"type":"chat","text":"oi"}',
      '{"type":"chat","name":"ana","text":42}',
      '{"type":"chat","name":["ana"],"text":"oi"}',
      '{"type":"chat","name":"ana","text":"oi","admin":true}',
    ]
    expect(notChat.map((raw) => codeOf(parseChatMessage(raw)))).toEqual(notChat.map(() => 1008))
  })

  it('rejects a blank text and a name that is empty or over 32 characters with 1008', () => {
    expect(codeOf(parseChatMessage(chat('ana', ' \n\t ')))).toBe(1008)
    expect(codeOf(parseChatMessage(chat('', 'oi')))).toBe(1008)
    expect(codeOf(parseChatMessage(chat('a'.repeat(33), 'oi')))).toBe(1008)
    expect(codeOf(parseChatMessage(chat('a'.repeat(32), 'oi')))).toBe('ok')
  })

  it('gives a short reason that fits in a close frame (at most 123 bytes)', () => {
    const failures = [
      'x'.repeat(100_000),
      Buffer.from('c328', 'hex'),
      'oi',
      '{"type":"chat"}',
      chat('ç'.repeat(200), 'oi'),
      chat('ana', 'ç'.repeat(501)),
    ].map((raw) => parseChatMessage(raw))
    for (const result of failures) {
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.reason.length).toBeGreaterThan(0)
      expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(123)
    }
  })
})

describe('isAllowedOrigin', () => {
  const allowlist = ['https://chat.exemplo.com.br', 'http://localhost:5173']

  it('allows an origin that is exactly on the list', () => {
    expect(isAllowedOrigin('https://chat.exemplo.com.br', allowlist)).toBe(true)
    expect(isAllowedOrigin('http://localhost:5173', allowlist)).toBe(true)
  })

  it('refuses look-alikes (prefix, suffix, scheme, port, path) and missing origins', () => {
    const refused = [
      'https://chat.exemplo.com.br.evil.io',
      'https://evilchat.exemplo.com.br',
      'http://chat.exemplo.com.br',
      'https://chat.exemplo.com.br:8443',
      'https://chat.exemplo.com.br/',
      'http://localhost:51730',
      'http://localhost',
      'null',
      '',
      undefined,
    ]
    expect(refused.map((origin) => isAllowedOrigin(origin, allowlist))).toEqual(
      refused.map(() => false),
    )
  })

  it('throws a TypeError on an allowlist entry that is not a bare origin', () => {
    expect(() => isAllowedOrigin('https://a.com', ['https://a.com/'])).toThrow(TypeError)
    expect(() => isAllowedOrigin('https://a.com', ['a.com'])).toThrow(TypeError)
    expect(() => isAllowedOrigin('https://a.com', ['https://A.com'])).toThrow(TypeError)
  })
})
