import type { StatsSnapshot, TransportStats, WsStats } from '../../../server/src/protocol.ts'

/** One row of the wire meter (DESIGN.md, "The wire meter"); `In` = client→server. */
export type WireCounters = TransportStats
export type WebSocketWireCounters = WsStats
/** `GET /api/stats?client=ID` and each event of `GET /api/lab/stats?client=ID`. */
export type WireStats = StatsSnapshot

const COUNTER_FIELDS = [
  'bytesIn',
  'bytesOut',
  'requests',
  'emptyResponses',
  'connections',
  'messages',
] as const
const WS_FIELDS = ['handshakeBytesIn', 'handshakeBytesOut', 'framesIn', 'framesOut'] as const
const ROWS = ['poll', 'longpoll', 'sse', 'ws', 'socketio', 'send', 'control'] as const
/** Rows of a transport that upgrades to WebSocket: handshake and frames counted apart. */
const SOCKET_ROWS: readonly string[] = ['ws', 'socketio']

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** Checks a stats body from the server; throws a sentence naming the first bad field. */
export function parseWireStats(body: unknown): WireStats {
  const root = body as { since?: unknown; client?: unknown; transports?: unknown } | null
  if (typeof root !== 'object' || root === null) throw new TypeError('stats must be an object')
  if (!isCount(root.since)) throw new TypeError('stats.since must be a timestamp in ms')
  const transports = root.transports as Record<string, Record<string, unknown> | undefined>
  if (typeof transports !== 'object' || transports === null) {
    throw new TypeError('stats.transports must be an object')
  }
  for (const row of ROWS) {
    const fields = SOCKET_ROWS.includes(row) ? [...COUNTER_FIELDS, ...WS_FIELDS] : COUNTER_FIELDS
    for (const field of fields) {
      if (!isCount(transports[row]?.[field])) {
        throw new TypeError(`stats.transports.${row}.${field} must be a non-negative number`)
      }
    }
  }
  return body as WireStats
}

/** What a panel shows, derived from one transport's counters. `null` where nothing was delivered. */
export interface WireFigures {
  bytesUp: number
  bytesDown: number
  bytesPerMessage: number | null
  /** Wire bytes ÷ the UTF-8 bytes of the message texts delivered. */
  overheadRatio: number | null
  requests: number
  requestsPerMessage: number | null
  emptyResponses: number
  connections: number
  reconnects: number
}

export interface ClientSideCounts {
  /** UTF-8 bytes of the `text` of every message this transport delivered. */
  messageTextBytes: number
  /** Counted by the page: the meter sees connections, not why they were opened. */
  reconnects: number
}

export function deriveWireFigures(counters: WireCounters, client: ClientSideCounts): WireFigures {
  const wireBytes = counters.bytesIn + counters.bytesOut
  const perMessage = (value: number) => (counters.messages > 0 ? value / counters.messages : null)
  return {
    bytesUp: counters.bytesIn,
    bytesDown: counters.bytesOut,
    bytesPerMessage: perMessage(wireBytes),
    // Both counts must describe the same messages: none delivered yet (or just reset) means none.
    overheadRatio:
      counters.messages > 0 && client.messageTextBytes > 0
        ? wireBytes / client.messageTextBytes
        : null,
    requests: counters.requests,
    requestsPerMessage: perMessage(counters.requests),
    emptyResponses: counters.emptyResponses,
    connections: counters.connections,
    reconnects: client.reconnects,
  }
}

const utf8 = new TextEncoder()

/** The UTF-8 length of a text: what a message's text costs before any framing. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length
}
