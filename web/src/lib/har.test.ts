import { describe, expect, it } from 'vitest'
import { type ExchangeLog, numberEvents } from './exchange.ts'
import { buildHar, chunkPayloadBytes } from './har.ts'
import { encodeFrame, toHex } from './ws-frame.ts'

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0)
const origin = 'http://localhost:3000'

/** A log the server kept in full: `recorded` equals the events listed. */
function complete(log: Omit<ExchangeLog, 'recorded' | 'keeps'>): ExchangeLog {
  return { ...log, recorded: log.events.length, keeps: 300 }
}

const sendText = '{"type":"send","user":"ana","text":"oi"}'
const receiveText = '{"type":"ack","seq":5,"ts":1}'
const maskedSend = encodeFrame({
  opcode: 1,
  payload: new TextEncoder().encode(sendText),
  maskingKey: Uint8Array.of(1, 2, 3, 4),
})
const plainReceive = encodeFrame({ opcode: 1, payload: new TextEncoder().encode(receiveText) })

const pollLog: ExchangeLog = complete({
  client: 'ab12',
  transport: 'poll',
  events: numberEvents([
    {
      at: T0,
      kind: 'request',
      id: 1,
      conn: 1,
      method: 'GET',
      target: '/api/poll?since=4&epoch=k3&client=ab12',
      bytes: 300,
    },
    { at: T0 + 4, kind: 'response', id: 1, status: 200, bytes: 250, messages: 0 },
  ]),
})

const wsLog: ExchangeLog = complete({
  client: 'ab12',
  transport: 'ws',
  events: numberEvents([
    {
      at: T0 + 10,
      kind: 'request',
      id: 9,
      conn: 2,
      method: 'GET',
      target: '/ws?since=0',
      bytes: 420,
    },
    { at: T0 + 12, kind: 'response', id: 9, status: 101, bytes: 129, messages: 0 },
    {
      at: T0 + 500,
      kind: 'ws-frame',
      id: 9,
      direction: 'in',
      opcode: 1,
      fin: true,
      masked: true,
      payloadLength: sendText.length,
      bytes: maskedSend.length,
      preview: sendText.slice(0, 10),
      hex: toHex(maskedSend),
    },
    {
      at: T0 + 501,
      kind: 'ws-frame',
      id: 9,
      direction: 'out',
      opcode: 1,
      fin: true,
      masked: false,
      payloadLength: receiveText.length,
      bytes: plainReceive.length,
      hex: toHex(plainReceive),
    },
  ]),
})

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
          conn: 1,
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
    // The whole payload, unmasked, from the captured bytes: valid JSON, not a 120-character preview.
    expect(entry?._webSocketMessages).toEqual([
      { type: 'send', time: (T0 + 500) / 1000, opcode: 1, data: sendText },
      { type: 'receive', time: (T0 + 501) / 1000, opcode: 1, data: receiveText },
    ])
    expect(entry?._bytesOnWire).toEqual({
      up: 420 + maskedSend.length,
      down: 129 + plainReceive.length,
    })
  })

  it('keeps SSE events of a stream in _sseEvents', () => {
    const [entry] = buildHar(
      [
        complete({
          client: 'ab12',
          transport: 'sse',
          events: numberEvents([
            {
              at: T0,
              kind: 'request',
              id: 2,
              conn: 3,
              method: 'GET',
              target: '/api/sse',
              bytes: 380,
            },
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
        }),
      ],
      { origin },
    ).log.entries
    expect(entry?.timings).toEqual({ send: 0, wait: 2, receive: 898 })
    expect(entry?._sseEvents).toEqual([
      { time: (T0 + 900) / 1000, event: 'message', id: 'k3:5', bytes: 140 },
    ])
    expect(entry?.response.content.mimeType).toBe('text/event-stream')
  })

  it('marks a request still held (no response yet) with status 0 and skips half a poll without its request', () => {
    const har = buildHar(
      [
        complete({
          client: 'ab12',
          transport: 'longpoll',
          events: numberEvents([
            { at: T0, kind: 'response', id: 1, status: 200, bytes: 300, messages: 1 },
            {
              at: T0 + 1,
              kind: 'request',
              id: 2,
              conn: 1,
              method: 'GET',
              target: '/api/longpoll?since=5',
              bytes: 310,
            },
          ]),
        }),
      ],
      { origin },
    )
    expect(har.log.entries).toHaveLength(1)
    expect(har.log.entries[0]?.response).toMatchObject({ status: 0, statusText: '' })
  })

  it('says in the file what the server log had already let go, transport by transport', () => {
    const trimmed: ExchangeLog = { ...pollLog, recorded: 219 * 2, keeps: 300 }
    expect(buildHar([pollLog], { origin }).log.comment).toMatch(
      /sends \(POST \/api\/messages\) and its control requests .* are not in this file, and no body is recorded.*every event the server recorded for this page is here/,
    )
    const comment = buildHar([trimmed, wsLog], { origin }).log.comment
    expect(comment).toMatch(/poll: 2 of the 438 events recorded are here; the 436 oldest/)
    expect(comment).not.toMatch(/ws:/)
  })

  it('keeps a stream whose request left the log, with a reconstructed request line that says so', () => {
    const framesOnly: ExchangeLog = {
      ...wsLog,
      events: wsLog.events.filter((event) => event.kind === 'ws-frame'),
      recorded: 300,
    }
    const [entry] = buildHar([framesOnly], { origin }).log.entries
    expect(entry?.request).toMatchObject({ method: 'GET', url: `${origin}/ws`, headersSize: -1 })
    expect(entry?.comment).toMatch(/request .* had left the server's log/)
    expect(entry?._webSocketMessages).toHaveLength(2)
  })

  it('marks a frame captured only in part as _truncated instead of passing a preview off as data', () => {
    const cut: ExchangeLog = complete({
      ...wsLog,
      events: numberEvents([
        {
          at: T0,
          kind: 'ws-frame',
          id: 9,
          direction: 'out',
          opcode: 1,
          fin: true,
          masked: false,
          payloadLength: 20_000,
          bytes: 20_004,
          preview: 'x'.repeat(120),
          hex: toHex(plainReceive),
        },
      ]),
    })
    const har = buildHar([cut], { origin })
    expect(har.log.entries[0]?._webSocketMessages?.[0]?._truncated).toEqual({
      payloadLength: 20_000,
    })
    expect(har.log.comment).toMatch(/1 frame\(s\) longer than the 8 KiB/)
  })

  it('counts the decoded event text of an SSE stream as its content size', () => {
    expect(chunkPayloadBytes('c\r\n'.length + 12 + 2)).toBe(12)
    expect(chunkPayloadBytes('1f4\r\n'.length + 500 + 2)).toBe(500)
    const head = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n'
    const [entry] = buildHar(
      [
        complete({
          client: 'ab12',
          transport: 'sse',
          events: numberEvents([
            {
              at: T0,
              kind: 'request',
              id: 4,
              conn: 5,
              method: 'GET',
              target: '/api/sse',
              bytes: 300,
            },
            {
              at: T0 + 1,
              kind: 'response',
              id: 4,
              status: 200,
              bytes: head.length + 17,
              messages: 0,
              head,
            },
            { at: T0 + 5, kind: 'sse-event', id: 4, event: 'message', bytes: 507 },
          ]),
        }),
      ],
      { origin },
    ).log.entries
    expect(entry?.response.content.size).toBe(12 + 500)
    expect(entry?.response.bodySize).toBe(17 + 507)
  })

  it('sorts entries of all transports by start time', () => {
    const har = buildHar([wsLog, pollLog], { origin })
    expect(har.log.entries.map((e) => e._transport)).toEqual(['poll', 'ws'])
  })
})
