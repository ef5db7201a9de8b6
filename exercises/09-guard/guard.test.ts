import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  type ChatLimits,
  isAllowedOrigin,
  type ParseResult,
  parseChatMessage,
  TokenBucket,
} from './guard.ts'

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

/** What a call did, in words a failure message can show: "returned true", "threw RangeError: …". */
function outcome(call: () => unknown): string {
  try {
    return `returned ${show(call())}`
  } catch (error) {
    return error instanceof Error ? `threw ${error.name}: ${error.message}` : `threw ${show(error)}`
  }
}

function show(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, maxStringLength: 60 })
}

function chat(name: string, text: string): string {
  return JSON.stringify({ type: 'chat', name, text })
}

function codeOf(result: ParseResult): number | 'ok' {
  return result.ok ? 'ok' : result.code
}

/** The input as a failure message can show it: short, with its size when it is long. */
function preview(raw: string | Uint8Array): string {
  if (typeof raw === 'string') {
    return raw.length > 60 ? `${show(raw.slice(0, 40))}… (${raw.length} chars)` : show(raw)
  }
  const hex = Buffer.from(raw.subarray(0, 24)).toString('hex')
  return `bytes ${hex}${raw.byteLength > 24 ? `… (${raw.byteLength} bytes)` : ''}`
}

/** Parses and checks the code, and on failure says what parseChatMessage returned. */
function expectCode(
  raw: string | Uint8Array,
  expected: number | 'ok',
  limits?: Partial<ChatLimits>,
): void {
  const result = parseChatMessage(raw, limits)
  const call = `parseChatMessage(${preview(raw)}${limits ? `, ${show(limits)}` : ''})`
  expect(codeOf(result), `${call} returned ${show(result)}`).toBe(expected)
}

/** Each input with the code it got, so a failure shows which input went wrong. */
function codesOf(inputs: readonly string[]): string[] {
  return inputs.map((raw) => `${raw} → ${codeOf(parseChatMessage(raw))}`)
}

describe('TokenBucket', () => {
  it('starts full: a burst of capacity takes succeeds, the next one fails', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(3, 1, clock.now)
    expect(takes(bucket, 4), 'take() four times on a new bucket of 3').toEqual([
      true,
      true,
      true,
      false,
    ])
  })

  it('refills at refillPerSecond as the clock moves', () => {
    const clock = fakeClock(1_700_000_000_000)
    const bucket = new TokenBucket(2, 2, clock.now)
    expect(takes(bucket, 3), 'take() three times at t = 0').toEqual([true, true, false])
    clock.set(1_700_000_000_499)
    expect(bucket.take(), 'take() at t = 499 ms (0.998 token back)').toBe(false)
    clock.set(1_700_000_000_500)
    expect(takes(bucket, 2), 'take() twice at t = 500 ms (1 token back)').toEqual([true, false])
  })

  it('keeps fractional tokens between calls (0.6 + 0.6 = 1.2 tokens)', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(1, 1, clock.now)
    expect(bucket.take(), 'take() at t = 0').toBe(true)
    clock.set(600)
    expect(bucket.take(), 'take() at t = 600 ms (0.6 token)').toBe(false)
    clock.set(1200)
    expect(bucket.take(), 'take() at t = 1200 ms (0.6 + 0.6 token)').toBe(true)
  })

  it('never holds more than capacity, however long it stays idle', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(3, 1, clock.now)
    takes(bucket, 3)
    clock.set(60 * 60 * 1000)
    expect(takes(bucket, 4), 'take() four times after an hour idle, capacity 3').toEqual([
      true,
      true,
      true,
      false,
    ])
  })

  it('takes n tokens at once, and a refused take consumes nothing', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(5, 0, clock.now)
    const results = [3, 3, 2, 1].map((n) => bucket.take(n))
    expect(
      results,
      'take(3), take(3), take(2), take(1) on a bucket of 5 that never refills',
    ).toEqual([true, false, true, false])
  })

  it('rejects a capacity that is not a positive number with a RangeError', () => {
    for (const capacity of [0, -5, Number.NaN]) {
      expect(
        outcome(() => new TokenBucket(capacity, 1)),
        `new TokenBucket(${capacity}, 1)`,
      ).toMatch(/^threw RangeError: /)
    }
  })

  it('rejects an infinite capacity and a refillPerSecond that is negative or not finite, naming the value', () => {
    const cases: [number, number, string][] = [
      [Number.POSITIVE_INFINITY, 1, 'Infinity'],
      [3, -1, '-1'],
      [3, Number.NaN, 'NaN'],
      [3, Number.POSITIVE_INFINITY, 'Infinity'],
    ]
    for (const [capacity, refillPerSecond, named] of cases) {
      expect(
        outcome(() => new TokenBucket(capacity, refillPerSecond)),
        `new TokenBucket(${capacity}, ${refillPerSecond})`,
      ).toMatch(new RegExp(`^threw RangeError: .*${named}`))
    }
    expect(
      outcome(() => new TokenBucket(0, 1)),
      'new TokenBucket(0, 1)',
    ).toMatch(/^threw RangeError: .*\b0\b/)
    expect(
      outcome(() => new TokenBucket(3, 0)),
      'new TokenBucket(3, 0): a bucket that never refills',
    ).toMatch(/^returned /)
  })

  it('rejects take(n) unless n is a whole number ≥ 1, and the bucket keeps its tokens', () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(2, 0, clock.now)
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        outcome(() => bucket.take(n)),
        `take(${n})`,
      ).toMatch(new RegExp(`^threw RangeError: .*${n}`))
    }
    expect(takes(bucket, 3), 'take() three times afterwards, capacity 2').toEqual([
      true,
      true,
      false,
    ])
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

  it('accepts the three keys in any order', () => {
    expect(parseChatMessage('{"text":"oi","name":"ana","type":"chat"}')).toEqual({
      ok: true,
      value: { type: 'chat', name: 'ana', text: 'oi' },
    })
  })

  it('accepts a message of exactly maxBytes bytes', () => {
    // JSON may carry spaces after the object: they pad the message to the limit exactly.
    const padded = chat('ana', 'oi').padEnd(4096, ' ')
    expectCode(padded, 'ok')
    expectCode(Buffer.from(padded), 'ok')
    const accented = chat('ana', 'ç'.repeat(10))
    expectCode(accented, 'ok', { maxBytes: Buffer.byteLength(accented) })
  })

  it('counts text length in characters, so 500 emoji fit and 501 do not', () => {
    expectCode(chat('ana', '😀'.repeat(500)), 'ok')
    expectCode(chat('ana', '😀'.repeat(501)), 1008)
  })

  it('counts name length in characters too, so a name of 32 emoji fits and 33 do not', () => {
    expectCode(chat('😀'.repeat(32), 'oi'), 'ok')
    expectCode(chat('😀'.repeat(33), 'oi'), 1008)
  })

  it('applies custom limits on top of the defaults', () => {
    const limits = { maxTextLength: 5 }
    expectCode(chat('ana', 'olá!!'), 'ok', limits)
    expectCode(chat('ana', 'olá!!!'), 1008, limits)
    expectCode(chat('a'.repeat(33), 'oi'), 1008, limits)
    expectCode(chat('ana', 'x'.repeat(5000)), 1009, limits)
  })

  it('applies a custom maxNameLength', () => {
    expectCode(chat('ana', 'oi'), 'ok', { maxNameLength: 3 })
    expectCode(chat('bruna', 'oi'), 1008, { maxNameLength: 3 })
    expectCode(chat('a'.repeat(40), 'oi'), 'ok', { maxNameLength: 40 })
  })
})

describe('parseChatMessage: rejected messages', () => {
  it('rejects a message over maxBytes with 1009 before parsing it', () => {
    const notEvenJson = 'x'.repeat(5000)
    expectCode(notEvenJson, 1009)
    expectCode(Buffer.from(notEvenJson), 1009)
  })

  it('checks the size before decoding: 5000 bytes of invalid UTF-8 are 1009, not 1007', () => {
    expectCode(Buffer.alloc(5000, 0xff), 1009)
    expectCode(Buffer.alloc(17, 0xc3), 1009, { maxBytes: 16 })
  })

  it('counts the size in UTF-8 bytes, not characters: "çççççççç" is 10 characters, 18 bytes', () => {
    expectCode('"çççççççç"', 1009, { maxBytes: 16 })
    expectCode(chat('ana', 'ç'.repeat(2040)), 1009)
  })

  it('rejects bytes that are not valid UTF-8 with 1007, even inside a JSON string', () => {
    expectCode(Buffer.from('c328', 'hex'), 1007)
    expectCode(Buffer.from('{"type":"chat","name":"ana","text":"olá"}', 'latin1'), 1007)
    const truncatedEuroSign = Buffer.from('{"type":"chat","name":"ana","text":"€"}').subarray(0, 38)
    expectCode(Buffer.concat([truncatedEuroSign, Buffer.from('"}')]), 1007)
  })

  it('rejects text that is not JSON with 1007', () => {
    expectCode('oi', 1007)
    expectCode('{"type":"chat"', 1007)
    expectCode("{'type':'chat','name':'ana','text':'oi'}", 1007)
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
    expect(codesOf(notChat)).toEqual(notChat.map((raw) => `${raw} → 1008`))
  })

  it('rejects a blank text and a name that is empty or over 32 characters with 1008', () => {
    expectCode(chat('ana', ' \n\t '), 1008)
    expectCode(chat('', 'oi'), 1008)
    expectCode(chat('a'.repeat(33), 'oi'), 1008)
    expectCode(chat('a'.repeat(32), 'oi'), 'ok')
  })

  it('counts Unicode spaces as blank too: a text of only U+00A0 and U+3000 is 1008', () => {
    expectCode(chat('ana', '\u00a0\u3000\u00a0'), 1008)
    expectCode(chat('ana', '\u00a0oi\u3000'), 'ok')
  })

  it('gives a short reason that fits in a close frame (at most 123 bytes)', () => {
    const failures = [
      'x'.repeat(100_000),
      Buffer.from('c328', 'hex'),
      'oi',
      '{"type":"chat"}',
      chat('ç'.repeat(200), 'oi'),
      chat('ana', 'ç'.repeat(501)),
    ]
    for (const raw of failures) {
      const result = parseChatMessage(raw)
      const said = `parseChatMessage(${preview(raw)}) returned ${show(result)}`
      expect(result.ok, said).toBe(false)
      if (result.ok) continue
      expect(result.reason.length, said).toBeGreaterThan(0)
      expect(Buffer.byteLength(result.reason), `bytes of the reason: ${said}`).toBeLessThanOrEqual(
        123,
      )
    }
  })

  it('never repeats the input in the reason', () => {
    const marker = 'zq9-marcador'
    const failures = [
      marker,
      `{"type":"${marker}","name":"ana","text":"oi"}`,
      `{"type":"chat","name":"ana","text":"oi","${marker}":true}`,
      `{"type":"chat","name":"${marker}","text":42}`,
      chat(marker.repeat(4), 'oi'),
      chat('ana', marker.repeat(50)),
      `${marker} `.repeat(400),
    ]
    for (const raw of failures) {
      const result = parseChatMessage(raw)
      const reason = result.ok ? '(accepted)' : result.reason
      expect(reason, `reason of parseChatMessage(${preview(raw)})`).not.toContain(marker)
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
      'HTTPS://CHAT.EXEMPLO.COM.BR',
      'http://localhost:51730',
      'http://localhost',
      'null',
      '',
      undefined,
    ]
    expect(
      refused.map(
        (origin) =>
          `${JSON.stringify(origin) ?? 'undefined'} → ${outcome(() => isAllowedOrigin(origin, allowlist))}`,
      ),
    ).toEqual(refused.map((origin) => `${JSON.stringify(origin) ?? 'undefined'} → returned false`))
  })

  it('throws a TypeError on an allowlist entry that is not a bare origin', () => {
    for (const entry of ['https://a.com/', 'a.com', 'https://A.com']) {
      expect(
        outcome(() => isAllowedOrigin('https://a.com', [entry])),
        `allowlist [${entry}]`,
      ).toMatch(/^threw TypeError: /)
    }
  })

  it('throws on a bad entry whatever the origin, and names the entry', () => {
    const list = ['https://a.com', 'https://b.com/chat']
    const calls: [string | undefined, string][] = [
      [undefined, 'a missing Origin'],
      ['', 'an empty Origin'],
      ['https://a.com', 'an Origin that matches the entry before the bad one'],
      ['https://c.com', 'an Origin on no list'],
    ]
    for (const [origin, what] of calls) {
      expect(
        outcome(() => isAllowedOrigin(origin, list)),
        what,
      ).toMatch(/^threw TypeError: .*https:\/\/b\.com\/chat/)
    }
  })
})
