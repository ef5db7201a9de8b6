import type { ChatMessage } from '../lib/chat-message.ts'
import type { Transport } from '../lib/exchange.ts'
import type { WireCounters, WireStats } from '../lib/wire-stats.ts'

// DEMO ONLY: plausible byte costs so the page has something to show without a server. The real
// figures come from the server's wire meter; none of these numbers are measurements.

/** Typical HTTP/1.1 heads a browser sends and a Hono server answers with, in bytes. */
export const DEMO_HEAD_BYTES = {
  pollRequest: 410,
  longPollRequest: 425,
  jsonResponseHead: 172,
  sseRequest: 455,
  sseResponseHead: 190,
  wsUpgradeRequest: 520,
  wsUpgradeResponse: 129,
}

const utf8 = new TextEncoder()

export const jsonBytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length

export function batchBodyBytes(epoch: string, head: number, messages: ChatMessage[]): number {
  return jsonBytes({ epoch, head, messages })
}

/** One SSE event as framed on the wire, with its chunked-encoding size line and CRLFs. */
export function sseEventBytes(epoch: string, message: ChatMessage): number {
  const event = `id: ${epoch}:${message.seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`
  const size = utf8.encode(event).length
  return size + size.toString(16).length + 4
}

/** A WebSocket frame's size: 2-byte header, +2 or +8 for longer payloads, +4 when masked. */
export function wsFrameBytes(payloadLength: number, masked: boolean): number {
  const extended = payloadLength < 126 ? 0 : payloadLength < 65536 ? 2 : 8
  return 2 + extended + (masked ? 4 : 0) + payloadLength
}

export const emptyCounters = (): WireCounters => ({
  bytesIn: 0,
  bytesOut: 0,
  requests: 0,
  emptyResponses: 0,
  connections: 0,
  messages: 0,
})

export function emptyStats(client: string, since: number): WireStats {
  return {
    since,
    client,
    transports: {
      poll: emptyCounters(),
      longpoll: emptyCounters(),
      sse: emptyCounters(),
      ws: {
        ...emptyCounters(),
        handshakeBytesIn: 0,
        handshakeBytesOut: 0,
        framesIn: 0,
        framesOut: 0,
      },
      send: emptyCounters(),
      control: emptyCounters(),
    },
  }
}

export type CountedRow = Transport | 'send' | 'control'
