import { describe, expect, it } from 'vitest'
import { type ExchangeEvent, type ExchangeLog, numberEvents } from './exchange.ts'
import { buildSequenceDiagram, escapeMermaidText, shortenTarget } from './sequence-diagram.ts'

const log = (transport: ExchangeLog['transport'], events: ExchangeEvent[]): ExchangeLog => ({
  client: 'ab12',
  transport,
  events: numberEvents(events),
  recorded: events.length,
  keeps: 300,
})

describe('buildSequenceDiagram', () => {
  it('draws a short poll as a request arrow and a dashed response with status, messages and bytes', () => {
    const text = buildSequenceDiagram(
      log('poll', [
        {
          at: 1000,
          kind: 'request',
          id: 1,
          conn: 1,
          method: 'GET',
          target: '/api/poll?since=4&client=ab12',
          bytes: 312,
        },
        { at: 1003, kind: 'response', id: 1, status: 200, bytes: 221, messages: 0 },
      ]),
    )
    expect(text).toBe(
      [
        'sequenceDiagram',
        '  participant B as Browser',
        '  participant S as Server',
        '  B->>S: GET /api/poll?since=4 #183; 312 B',
        '  S-->>B: 200 #183; 0 msg #183; 221 B',
      ].join('\n'),
    )
  })

  it('shows a long poll held by the server as an activation with the wait as a note', () => {
    const text = buildSequenceDiagram(
      log('longpoll', [
        {
          at: 0,
          kind: 'request',
          id: 7,
          conn: 1,
          method: 'GET',
          target: '/api/longpoll?since=41',
          bytes: 330,
        },
        { at: 4900, kind: 'response', id: 7, status: 200, bytes: 410, messages: 1 },
      ]),
    )
    expect(text.split('\n').slice(3)).toEqual([
      '  B->>+S: GET /api/longpoll?since=41 #183; 330 B',
      '  Note over B,S: #8230; 4.9 s #8230;',
      '  S-->>-B: 200 #183; 1 msg #183; 410 B',
    ])
  })

  it('does not release an activation it never opened when the request fell outside the window', () => {
    const text = buildSequenceDiagram(
      log('longpoll', [
        {
          at: 0,
          kind: 'request',
          id: 1,
          conn: 1,
          method: 'GET',
          target: '/api/longpoll',
          bytes: 300,
        },
        { at: 10, kind: 'response', id: 1, status: 200, bytes: 400, messages: 1 },
      ]),
      { maxEvents: 1 },
    )
    expect(text).toContain('  S-->>B: 200')
    expect(text).toContain('Note over B,S: 1 earlier events not shown')
  })

  it('draws SSE events as async arrows with the event name and id', () => {
    const text = buildSequenceDiagram(
      log('sse', [
        { at: 5, kind: 'sse-event', id: 2, event: 'message', eventId: 'k3j9x:7', bytes: 148 },
      ]),
    )
    expect(text).toContain('  S-)B: event message #183; id k3j9x#58;7 #183; 148 B')
  })

  it('draws an SSE comment as a comment, not as an event of that name', () => {
    const text = buildSequenceDiagram(
      log('sse', [{ at: 5, kind: 'sse-event', id: 2, event: ': ping', bytes: 13 }]),
    )
    expect(text).toContain('  S-)B: #58; ping (comment) #183; 13 B')
  })

  it('draws WebSocket frames by direction with opcode name, mask and size', () => {
    const text = buildSequenceDiagram(
      log('ws', [
        {
          at: 0,
          kind: 'request',
          id: 3,
          conn: 1,
          method: 'GET',
          target: '/ws?since=0',
          bytes: 420,
        },
        { at: 1, kind: 'response', id: 3, status: 101, bytes: 129, messages: 0 },
        {
          at: 2,
          kind: 'ws-frame',
          id: 3,
          direction: 'in',
          opcode: 1,
          fin: true,
          masked: true,
          payloadLength: 40,
          bytes: 46,
          preview: 'oi',
        },
        {
          at: 3,
          kind: 'ws-frame',
          id: 3,
          direction: 'out',
          opcode: 9,
          fin: true,
          masked: false,
          payloadLength: 0,
          bytes: 2,
        },
        { at: 4, kind: 'closed', id: 3, by: 'server' },
      ]),
    )
    expect(text.split('\n').slice(4)).toEqual([
      '  S-->>B: 101 #183; 129 B',
      '  B-)S: text #183; masked #183; 46 B #183; #8220;oi#8221;',
      '  S-)B: ping #183; 2 B',
      '  S-xB: closed by the server',
    ])
  })

  it('keeps only the last maxEvents events and says how many were left out', () => {
    const events: ExchangeEvent[] = Array.from({ length: 50 }, (_, i) => ({
      at: i,
      kind: 'sse-event',
      id: 1,
      event: 'message',
      bytes: 100 + i,
    }))
    const text = buildSequenceDiagram(log('sse', events), { maxEvents: 10 })
    expect(text.match(/S-\)B/g)).toHaveLength(10)
    expect(text).toContain('40 earlier events not shown')
    expect(text).toContain('149 B')
    expect(text).not.toContain('139 B')
  })

  it('uses the labels and decimal comma of another language', () => {
    const text = buildSequenceDiagram(
      log('poll', [
        { at: 0, kind: 'request', id: 1, conn: 1, method: 'GET', target: '/api/poll', bytes: 1500 },
        { at: 2500, kind: 'closed', id: 1, by: 'client' },
      ]),
      {
        locale: 'pt-BR',
        labels: {
          browser: 'Navegador',
          server: 'Servidor',
          messages: '{count} msg',
          closedByClient: 'fechada pelo navegador',
          closedByServer: 'fechada pelo servidor',
          masked: 'mascarado',
          comment: 'comentário',
          gap: '… {seconds} s …',
          earlierEvents: '{count} eventos anteriores omitidos',
        },
      },
    )
    expect(text).toContain('participant B as Navegador')
    expect(text).toContain('1,5 kB')
    expect(text).toContain('#8230; 2,5 s #8230;')
    expect(text).toContain('B-xS: fechada pelo navegador')
  })
})

describe('escapeMermaidText — user content cannot break the diagram', () => {
  const hostile = 'a;b #c <b>x</b>\nB->>S: fake --> %%{init}%% end'
  const escaped = escapeMermaidText(hostile)
  const withoutEntities = escaped.replace(/#\d+;/g, '')

  it('turns ; # < > and newlines into entity codes or spaces', () => {
    for (const dangerous of [';', '#', '<', '>', '\n', '\r', '%', '{', ':']) {
      expect(withoutEntities).not.toContain(dangerous)
    }
    expect(escaped).toContain('a#59;b #35;c #60;b#62;x')
  })

  it('leaves no arrow that mermaid could read as a message', () => {
    expect(withoutEntities).not.toMatch(/-->|->>|-\)|-x/)
  })

  it('keeps a hostile WebSocket preview on one line of the diagram', () => {
    const text = buildSequenceDiagram(
      log('ws', [
        {
          at: 0,
          kind: 'ws-frame',
          id: 1,
          direction: 'out',
          opcode: 1,
          fin: true,
          masked: false,
          payloadLength: 9,
          bytes: 11,
          preview: 'x;\ny\r\nS-->>B: 200',
        },
      ]),
    )
    const lines = text.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[3]).toMatch(/^ {2}S-\)B: text/)
    expect(lines[3]?.replace(/#\d+;/g, '')).not.toMatch(/[;\n#]|-->/)
  })

  it('encodes accented letters so the code point survives any parser', () => {
    expect(escapeMermaidText('olá')).toBe('ol#225;')
  })
})

describe('shortenTarget', () => {
  it('drops the client parameter and truncates long targets with an ellipsis', () => {
    expect(shortenTarget('/api/poll?client=ab12', 40)).toBe('/api/poll')
    expect(shortenTarget('/api/poll?since=1&client=ab12&epoch=k3', 40)).toBe(
      '/api/poll?since=1&epoch=k3',
    )
    expect(shortenTarget('/api/longpoll?since=123456&epoch=abcdefgh', 20)).toBe(
      '/api/longpoll?since…',
    )
  })
})

describe("mermaid's own parser", () => {
  it('accepts every kind of line the builder writes, hostile previews included', async () => {
    const mermaid = (await import('mermaid')).default
    const text = buildSequenceDiagram(
      log('longpoll', [
        {
          at: 0,
          kind: 'request',
          id: 1,
          conn: 1,
          method: 'GET',
          target: '/api/longpoll?since=1&epoch=k3',
          bytes: 300,
        },
        { at: 4000, kind: 'response', id: 1, status: 200, bytes: 400, messages: 1 },
        {
          at: 4001,
          kind: 'request',
          id: 2,
          conn: 1,
          method: 'GET',
          target: '/api/longpoll?since=2',
          bytes: 300,
        },
        { at: 4002, kind: 'sse-event', id: 2, event: 'gap;#<x>', eventId: 'e:1', bytes: 10 },
        {
          at: 4003,
          kind: 'ws-frame',
          id: 2,
          direction: 'in',
          opcode: 8,
          fin: true,
          masked: true,
          payloadLength: 2,
          bytes: 8,
          preview: 'a;b\n%%c #d --> end',
        },
        { at: 4004, kind: 'closed', id: 2, by: 'client' },
      ]),
    )
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' })
  })
})
