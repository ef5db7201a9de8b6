import { describe, expect, it } from 'vitest'
import type { ExchangeEvent } from './exchange.ts'
import { lastUpgrade } from './ws-handshake.ts'

// The handshake of RFC 6455 §1.2, as the server's log records it.
const UPGRADE =
  'GET /ws?room=lobby&client=ab12 HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n' +
  'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
const SWITCHING =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n'

const upgrade = (id: number, at: number): ExchangeEvent[] => [
  { at, kind: 'request', id, conn: id, method: 'GET', target: '/ws', bytes: 180, head: UPGRADE },
  { at, kind: 'response', id, status: 101, bytes: 129, messages: 0, head: SWITCHING },
]
const frame = (id: number, at: number): ExchangeEvent => ({
  at,
  kind: 'ws-frame',
  id,
  direction: 'out',
  opcode: 1,
  fin: true,
  masked: false,
  payloadLength: 40,
  bytes: 42,
})

describe('lastUpgrade', () => {
  it("finds the newest connection's upgrade, its 101, key and accept behind its frames", () => {
    const lookup = lastUpgrade([...upgrade(3, 1), frame(3, 2), frame(3, 3)])
    expect(lookup).toMatchObject({
      state: 'found',
      heads: { request: { head: UPGRADE }, response: { head: SWITCHING, status: 101 } },
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
      accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    })
  })

  it('takes the reconnected connection, even when the old one closes after it opened', () => {
    const events: ExchangeEvent[] = [
      ...upgrade(3, 1),
      ...upgrade(9, 2),
      { at: 3, kind: 'closed', id: 3, by: 'server' },
    ]
    const lookup = lastUpgrade(events)
    expect(lookup.state === 'found' && lookup.heads.request.at).toBe(2)
  })

  it('says the upgrade was trimmed when only the frames of the connection are left', () => {
    const frames = Array.from({ length: 300 }, (_, i) => frame(3, i))
    expect(lastUpgrade([...upgrade(1, 0), ...frames])).toEqual({
      state: 'trimmed',
      connectionId: 3,
    })
  })

  it('has no key or accept to show for an upgrade refused with a 400', () => {
    const refused: ExchangeEvent[] = [
      {
        at: 1,
        kind: 'request',
        id: 4,
        conn: 4,
        method: 'GET',
        target: '/ws',
        bytes: 60,
        head: 'GET /ws?since=x HTTP/1.1\r\n\r\n',
      },
      {
        at: 2,
        kind: 'response',
        id: 4,
        status: 400,
        bytes: 90,
        messages: 0,
        head: 'HTTP/1.1 400 Bad Request\r\n\r\n',
      },
    ]
    expect(lastUpgrade(refused)).toMatchObject({ state: 'found', key: null, accept: null })
  })

  it('finds nothing in an empty log', () => {
    expect(lastUpgrade([])).toEqual({ state: 'none' })
  })
})
