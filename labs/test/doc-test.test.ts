import { describe, expect, it } from 'vitest'
import { matchesExpected, parseDirectives, parseServes, parseVariables } from './doc-test.ts'

describe('matchesExpected', () => {
  it('needs every line, in order, with … for what varies inside a line', () => {
    expect(matchesExpected('a\nb …\nc\n', 'a\nb 42\nc\n')).toBe(true)
    expect(matchesExpected('a\nb …\nc\n', 'a\nc\n')).toBe(false)
    expect(matchesExpected('a\nc\n', 'a\nb\nc\n')).toBe(false)
  })

  it('takes a line of only … for any number of lines, none included', () => {
    expect(matchesExpected('a\n…\nz\n', 'a\nb\nc\nz\n')).toBe(true)
    expect(matchesExpected('a\n…\nz\n', 'a\nz\n')).toBe(true)
    expect(matchesExpected('a\n…\nz\n', 'a\nb\n')).toBe(false)
  })

  it('ignores trailing spaces but not characters that regular expressions treat specially', () => {
    expect(matchesExpected('(1 + 1) * 2\n', '(1 + 1) * 2   \n')).toBe(true)
    expect(matchesExpected('a.c\n', 'abc\n')).toBe(false)
  })
})

describe('doctest directives', () => {
  const block = (content: string) => ({ kind: 'doctest' as const, content })

  it('reads before/during requests, variables and served programs, and leaves page actions and walk notes to the walk', () => {
    const directives = block(
      [
        'before: POST /api/lab/ticker {"room":"lab-03","rate":0}',
        'during: 1000 POST /api/messages {"room":"lab-03","user":"ana","text":"oi"}',
        'let: EPOCH = GET /api/history?room=lab-03 .epoch',
        'serve: 8080 node_modules/.bin/tsx labs/06-echo-server/echo-server.ts',
        'page: click sse.drop',
        'walk: page only',
      ].join('\n'),
    )
    expect(parseDirectives(directives)).toEqual([
      {
        when: 'before',
        delayMs: 0,
        method: 'POST',
        path: '/api/lab/ticker',
        body: { room: 'lab-03', rate: 0 },
      },
      {
        when: 'during',
        delayMs: 1000,
        method: 'POST',
        path: '/api/messages',
        body: { room: 'lab-03', user: 'ana', text: 'oi' },
      },
    ])
    expect(parseVariables(directives)).toEqual([
      { name: 'EPOCH', path: '/api/history?room=lab-03', field: 'epoch' },
    ])
    expect(parseServes(directives)).toEqual([
      { port: 8080, command: 'node_modules/.bin/tsx labs/06-echo-server/echo-server.ts' },
    ])
  })

  it('refuses a line it cannot read, naming it', () => {
    expect(() => parseDirectives(block('after: coffee'))).toThrow(/cannot read "after: coffee"/)
  })
})
