import { describe, expect, it } from 'vitest'
import { type ExchangeLog, numberEvents } from './exchange.ts'
import { buildHar } from './har.ts'

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0)
const origin = 'http://localhost:3000'

const pollLog: ExchangeLog = {
  client: 'ab12',
  transport: 'poll',
  events: numberEvents([
    {
      at: T0,
      kind: 'request',
      id: 1,
      method: 'GET',
      target: '/api/poll?since=4&epoch=k3&client=ab12',
      bytes: 300,
    },
    { at: T0 + 4, kind: 'response', id: 1, status: 200, bytes: 250, messages: 0 },
  ]),
}

const wsLog: ExchangeLog = {
  client: 'ab12',
  transport: 'ws',
  events: numberEvents([
    { at: T0 + 10, kind: 'request', id: 9, method: 'GET', target: '/ws?since=0', bytes: 420 },
    { at: T0 + 12, kind: 'response', id: 9, status: 101, bytes: 129, messages: 0 },
    {
      at: T0 + 500,
      kind: 'ws-frame',
      id: 9,
      direction: 'in',
      opcode: 1,
      fin: true,
      masked: true,
      payloadLength: 40,
      bytes: 46,
      preview: '{"type":"send"}',
    },
    {
      at: T0 + 501,
      kind: 'ws-frame',
      id: 9,
      direction: 'out',
      opcode: 1,
      fin: true,
      masked: false,
      payloadLength: 60,
      bytes: 62,
    },
  ]),
}

describe('buildHar', () => {
  it('writes the fields HAR 1.2 requires for a poll request and its response', () => {
    const har = buildHar([pollLog], { origin })
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator.name).toBe('wirelab')
    const [entry] = har.log.entries
    expect(entry).toMatchObject({
      startedDateTime: '2026-11-21T12:00:00.000Z',
      time: 4,
      request: {
        method: 'GET',
        url: 'http://localhost:3000/api/poll?since=4&epoch=k3&client=ab12',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [],
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status: 200,
        statusText: 'OK',
        redirectURL: '',
        content: { mimeType: 'application/json' },
      },
      cache: {},
      timings: { send: 0, wait: 4, receive: 0 },
      _bytesOnWire: { up: 300, down: 250 },
    })
    expect(entry?.request.queryString).toEqual([
      { name: 'since', value: '4' },
      { name: 'epoch', value: 'k3' },
      { name: 'client', value: 'ab12' },
    ])
  })

  it('makes entry.time the sum of send, wait and receive, as the spec demands', () => {
    for (const entry of buildHar([pollLog, wsLog], { origin }).log.entries) {
      expect(entry.time).toBe(entry.timings.send + entry.timings.wait + entry.timings.receive)
    }
  })

  it('computes headersSize and bodySize from the recorded heads and the wire bytes', () => {
    const requestHead =
      'GET /api/poll?since=4&epoch=k3&client=ab12 HTTP/1.1\r\nHost: localhost:3000\r\n\r\n'
    const responseHead = 'HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n'
    const withHeads: ExchangeLog = {
      ...pollLog,
      events: numberEvents([
        {
          at: T0,
          kind: 'request',
          id: 1,
          method: 'GET',
          target: '/api/poll?since=4&epoch=k3&client=ab12',
          bytes: 300,
          head: requestHead,
        },
        {
          at: T0 + 4,
          kind: 'response',
          id: 1,
          status: 200,
          bytes: 250,
          messages: 0,
          head: responseHead,
        },
      ]),
    }
    const [entry] = buildHar([withHeads], { origin }).log.entries
    expect(entry?.request.headers).toEqual([{ name: 'Host', value: 'localhost:3000' }])
    expect(entry?.request.headersSize).toBe(requestHead.length)
    expect(entry?.request.bodySize).toBe(300 - requestHead.length)
    expect(entry?.response.headersSize).toBe(responseHead.length)
    expect(entry?.response.bodySize).toBe(250 - responseHead.length)
    expect(entry?.response.content.mimeType).toBe('application/json; charset=UTF-8')
  })

  it('puts WebSocket frames in _webSocketMessages, the field Chrome DevTools reads', () => {
    const [entry] = buildHar([wsLog], { origin }).log.entries
    expect(entry?.response.status).toBe(101)
    expect(entry?.response.statusText).toBe('Switching Protocols')
    expect(entry?._webSocketMessages).toEqual([
      { type: 'send', time: (T0 + 500) / 1000, opcode: 1, data: '{"type":"send"}' },
      { type: 'receive', time: (T0 + 501) / 1000, opcode: 1, data: '' },
    ])
    expect(entry?._bytesOnWire).toEqual({ up: 420 + 46, down: 129 + 62 })
  })

  it('keeps SSE events of a stream in _sseEvents', () => {
    const [entry] = buildHar(
      [
        {
          client: 'ab12',
          transport: 'sse',
          events: numberEvents([
            { at: T0, kind: 'request', id: 2, method: 'GET', target: '/api/sse', bytes: 380 },
            { at: T0 + 2, kind: 'response', id: 2, status: 200, bytes: 160, messages: 0 },
            {
              at: T0 + 900,
              kind: 'sse-event',
              id: 2,
              event: 'message',
              eventId: 'k3:5',
              bytes: 140,
            },
          ]),
        },
      ],
      { origin },
    ).log.entries
    expect(entry?.timings).toEqual({ send: 0, wait: 2, receive: 898 })
    expect(entry?._sseEvents).toEqual([
      { time: (T0 + 900) / 1000, event: 'message', id: 'k3:5', bytes: 140 },
    ])
    expect(entry?.response.content.mimeType).toBe('text/event-stream')
  })

  it('marks a request still held (no response yet) with status 0 and skips exchanges without a request', () => {
    const har = buildHar(
      [
        {
          client: 'ab12',
          transport: 'longpoll',
          events: numberEvents([
            { at: T0, kind: 'response', id: 1, status: 200, bytes: 300, messages: 1 },
            {
              at: T0 + 1,
              kind: 'request',
              id: 2,
              method: 'GET',
              target: '/api/longpoll?since=5',
              bytes: 310,
            },
          ]),
        },
      ],
      { origin },
    )
    expect(har.log.entries).toHaveLength(1)
    expect(har.log.entries[0]?.response).toMatchObject({ status: 0, statusText: '' })
  })

  it('sorts entries of all transports by start time', () => {
    const har = buildHar([wsLog, pollLog], { origin })
    expect(har.log.entries.map((e) => e._transport)).toEqual(['poll', 'ws'])
  })
})
