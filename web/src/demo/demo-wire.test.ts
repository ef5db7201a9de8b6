import { describe, expect, it } from 'vitest'
import { sseEventBytes, wsFrameBytes } from './demo-wire.ts'

describe('demo byte model (simulated, not measured)', () => {
  it('sizes WebSocket frames like RFC 6455: 2 + extended length + mask + payload', () => {
    expect(wsFrameBytes(5, false)).toBe(7)
    expect(wsFrameBytes(5, true)).toBe(11)
    expect(wsFrameBytes(256, false)).toBe(260)
    expect(wsFrameBytes(65536, false)).toBe(65546)
  })

  it('adds the chunk-size line and CRLFs of chunked encoding around an SSE event', () => {
    const message = { seq: 7, ts: 1, room: 'lobby', kind: 'chat' as const, user: 'ana', text: 'oi' }
    const event = `id: e:7\nevent: message\ndata: ${JSON.stringify(message)}\n\n`
    expect(sseEventBytes('e', message)).toBe(event.length + event.length.toString(16).length + 4)
  })
})
