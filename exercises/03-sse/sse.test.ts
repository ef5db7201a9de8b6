import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { formatEvent, type SseEvent, type SseMessage, SseParser } from './sse.ts'

/** Feeds the chunks to a fresh parser and returns what it dispatched, plus the parser. */
function feed(...chunks: string[]): { events: SseEvent[]; parser: SseParser } {
  const events: SseEvent[] = []
  const parser = new SseParser((event) => events.push(event))
  for (const chunk of chunks) parser.push(chunk)
  return { events, parser }
}

function message(data: string, lastEventId = ''): SseEvent {
  return { type: 'message', data, lastEventId }
}

/** What formatEvent returned or, if it threw, "threw TypeError: …": a failure shows which. */
function formatted(sseMessage: SseMessage): unknown {
  try {
    return formatEvent(sseMessage)
  } catch (error) {
    return error instanceof Error
      ? `threw ${error.name}: ${error.message}`
      : `threw ${inspect(error)}`
  }
}

describe('formatEvent', () => {
  it('writes a one-line message as a data line and a blank line', () => {
    expect(formatted({ data: 'hello' })).toBe('data: hello\n\n')
  })

  it('writes one data line per line, splitting on LF, CRLF and a lone CR', () => {
    expect(formatted({ data: 'a\nb\n\nc' })).toBe('data: a\ndata: b\ndata: \ndata: c\n\n')
    expect(formatted({ data: 'a\r\nb\rc' })).toBe('data: a\ndata: b\ndata: c\n\n')
  })

  it('writes event, id and retry lines before the data', () => {
    expect(formatted({ data: '{"n":1}', event: 'chat', id: '42', retry: 3000 })).toBe(
      'event: chat\nid: 42\nretry: 3000\ndata: {"n":1}\n\n',
    )
    expect(formatted({ data: 'x', id: '' })).toBe('id: \ndata: x\n\n')
  })

  it('keeps a leading space of the data by always writing one space after the colon', () => {
    expect(formatted({ data: ' indented' })).toBe('data:  indented\n\n')
    expect(formatted({ data: '' })).toBe('data: \n\n')
  })

  it('rejects line breaks in event and id, and NULL in id, with a TypeError naming the field', () => {
    const bad: [SseMessage, RegExp][] = [
      [{ data: 'x', event: 'chat\ndata: injected' }, /^threw TypeError: event\b/],
      [{ data: 'x', event: 'chat\r' }, /^threw TypeError: event\b/],
      [{ data: 'x', event: 'a\r\nb' }, /^threw TypeError: event\b/],
      [{ data: 'x', id: '1\r\n2' }, /^threw TypeError: id\b/],
      [{ data: 'x', id: '1\n' }, /^threw TypeError: id\b/],
      [{ data: 'x', id: '1\r2' }, /^threw TypeError: id\b/],
      [{ data: 'x', id: 'a\0b' }, /^threw TypeError: id\b/],
    ]
    for (const [sseMessage, expected] of bad) {
      expect(formatted(sseMessage), `formatEvent(${inspect(sseMessage)})`).toMatch(expected)
    }
  })

  it('rejects a retry that is not a non-negative safe integer with a RangeError', () => {
    for (const retry of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) {
      expect(
        formatted({ data: 'x', retry }),
        `formatEvent({ data: 'x', retry: ${retry} })`,
      ).toMatch(/^threw RangeError\b/)
    }
    expect(formatted({ data: 'x', retry: 0 })).toBe('retry: 0\ndata: x\n\n')
  })
})

describe('SseParser', () => {
  it('dispatches a message event when a blank line ends the block', () => {
    const { events, parser } = feed('data: hello\n')
    expect(events).toEqual([])
    parser.push('\n')
    expect(events).toEqual([message('hello')])
  })

  it('joins the data lines of one event with \\n', () => {
    expect(feed('data: first\ndata: second\n\n').events).toEqual([message('first\nsecond')])
  })

  it('ends lines on LF, CRLF or a lone CR, even mixed in one stream', () => {
    const { events } = feed('data: a\r\ndata: b\rdata: c\n\r\ndata: x\r\r')
    expect(events).toEqual([message('a\nb\nc'), message('x')])
  })

  it('treats a CRLF split across two chunks as one line end', () => {
    const { events } = feed('data: a\r', '\ndata: b\r\n\r\n')
    expect(events).toEqual([message('a\nb')])
  })

  it('reassembles lines split anywhere, even one character per chunk', () => {
    const stream = 'event: chat\r\nid: 1\r\ndata: x\r\ndata: y\r\n\r\n: ping\n\ndata: z\r\r'
    const { events } = feed(...stream)
    expect(events).toEqual([{ type: 'chat', data: 'x\ny', lastEventId: '1' }, message('z', '1')])
  })

  it('strips a byte order mark at the start of the stream, and only there', () => {
    expect(feed('\uFEFFdata: a\n\n', '\uFEFFdata: b\n\n').events).toEqual([message('a')])
    expect(feed('\uFEFF', 'data: c\n\n').events).toEqual([message('c')])
  })

  it('ignores comments, unknown fields and field names in another case', () => {
    const { events } = feed(': a comment\ndata: x\n:\n\n', 'Data: y\nfoo: bar\n\n', ':\n\n')
    expect(events).toEqual([message('x')])
  })

  it('removes exactly one space after the colon, and nothing else', () => {
    const { events } = feed('data:  two spaces\ndata:none\ndata:\ttab\ndata: a: b\n\n')
    expect(events).toEqual([message(' two spaces\nnone\n\ttab\na: b')])
  })

  it('reads a line without a colon as a field with an empty value', () => {
    const { events } = feed('data\ndata\n\n', 'data\n\n', 'event\ndata: z\n\n')
    expect(events).toEqual([message('\n'), message(''), message('z')])
  })

  it('does not dispatch a block without data, yet takes the id it carries', () => {
    const { events, parser } = feed('event: ping\nid: 7\n\n', ': keepalive\n\n')
    expect(events).toEqual([])
    expect(parser.lastEventId).toBe('7')
    parser.push('data: x\n\n')
    expect(events).toEqual([message('x', '7')])
  })

  it('uses the event field for one event only and keeps lastEventId until the next id', () => {
    const { events, parser } = feed(
      'event: chat\nid: 1\ndata: a\n\n',
      'data: b\n\n',
      'id: 2\ndata: c\n\n',
      'id\ndata: d\n\n',
    )
    expect(events).toEqual([
      { type: 'chat', data: 'a', lastEventId: '1' },
      message('b', '1'),
      message('c', '2'),
      message('d', ''),
    ])
    expect(parser.lastEventId).toBe('')
  })

  it('ignores an id that contains NULL', () => {
    const { events, parser } = feed('id: 1\ndata: a\n\n', 'id: 2\0\ndata: b\n\n')
    expect(events).toEqual([message('a', '1'), message('b', '1')])
    expect(parser.lastEventId).toBe('1')
  })

  it('takes retry only when the value is all ASCII digits', () => {
    const { parser } = feed()
    expect(parser.retry, 'retry of a new parser').toBeUndefined()
    parser.push('retry: 2500\n')
    expect(parser.retry, "retry after 'retry: 2500'").toBe(2500)
    for (const line of [
      'retry: 1e3',
      'retry: -1',
      'retry: 10 ',
      'retry:  300',
      'retry: 3.5',
      'retry: ٣',
    ]) {
      parser.push(`${line}\n`)
      expect(parser.retry, `retry after ${inspect(line)}`).toBe(2500)
    }
    parser.push('retry: 0\n')
    expect(parser.retry, "retry after 'retry: 0'").toBe(0)
  })

  it('ignores empty chunks: the BOM or the LF of a CRLF may still come after one', () => {
    expect(feed('', '\uFEFFdata: a\n\n').events, 'after an empty first chunk').toEqual([
      message('a'),
    ])
    expect(
      feed('data: a\r', '', '\ndata: b\n\n').events,
      'with an empty chunk inside a CRLF',
    ).toEqual([message('a\nb')])
  })

  it('discards a partial event at end(), its id included', () => {
    const { events, parser } = feed('data: a\n\n', 'data: b\nid: 9\n', 'data: c')
    parser.end()
    expect(events).toEqual([message('a')])
    expect(parser.lastEventId).toBe('')
    parser.push('data: d\n\n')
    expect(events).toEqual([message('a'), message('d')])
  })

  it('discards at end() an event whose lines are complete but whose blank line never came', () => {
    const { events, parser } = feed('data: a\n\n', 'data: b\n', 'id: 9\n')
    parser.end()
    expect(events, 'events after end()').toEqual([message('a')])
    expect(parser.lastEventId, 'lastEventId after end()').toBe('')
  })

  it('keeps lastEventId and retry at end(), for the reconnection', () => {
    const { events, parser } = feed('id: 5\nretry: 2000\ndata: a\n\n', 'id: 6\ndata: b\n')
    parser.end()
    expect({ lastEventId: parser.lastEventId, retry: parser.retry }, 'after end()').toEqual({
      lastEventId: '5',
      retry: 2000,
    })
    parser.push('data: c\n\n')
    expect(events).toEqual([message('a', '5'), message('c', '5')])
  })

  it('reads the stream that follows end() from its start, BOM included', () => {
    const { events, parser } = feed('\uFEFFdata: a\n\n')
    parser.end()
    parser.push('\uFEFFdata: b\n\n')
    expect(events).toEqual([message('a'), message('b')])
  })
})
