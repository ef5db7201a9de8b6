import type { ExchangeEvent, ExchangeLog, Transport } from './exchange.ts'
import { parseHead } from './http-head.ts'
import { decodeFrame, fromHex } from './ws-frame.ts'

// Only what HAR 1.2 requires, plus underscore-prefixed custom fields (allowed by the spec) for the
// parts HTTP Archive has no place for: SSE events, WebSocket frames, bytes on the wire. Whatever
// the file lacks is said in `comment` fields: a HAR that silently holds part of a run misleads.

export interface HarNameValue {
  name: string
  value: string
}

export interface HarWebSocketMessage {
  type: 'send' | 'receive'
  time: number
  opcode: number
  /** Text frames: the text; binary frames: base64; control frames: empty. */
  data: string
  /** Only the first bytes of a longer frame were captured; `data` is a preview. */
  _truncated?: { payloadLength: number }
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    cookies: HarNameValue[]
    headers: HarNameValue[]
    queryString: HarNameValue[]
    headersSize: number
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    cookies: HarNameValue[]
    headers: HarNameValue[]
    content: { size: number; mimeType: string }
    redirectURL: string
    headersSize: number
    bodySize: number
  }
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
  comment?: string
  _transport: Transport
  _exchangeId: number
  _bytesOnWire: { up: number; down: number }
  _sseEvents?: { time: number; event: string; id?: string; bytes: number }[]
  /** The field name Chrome DevTools uses, so its HAR import shows the frames. */
  _webSocketMessages?: HarWebSocketMessage[]
}

export interface Har {
  log: {
    version: '1.2'
    creator: { name: string; version: string }
    entries: HarEntry[]
    comment: string
  }
}

export interface HarOptions {
  /** Prefix for the request targets, e.g. `http://localhost:3000`. */
  origin: string
  creatorVersion?: string
}

const STATUS_TEXT: Record<number, string> = {
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const MIME_TYPES: Record<Transport, string> = {
  poll: 'application/json',
  longpoll: 'application/json',
  sse: 'text/event-stream',
  ws: '',
  // Engine.IO's polling answers; its upgrade then carries frames like ws.
  socketio: 'text/plain; charset=UTF-8',
}

/** Where a transport's requests go, for an entry whose request line the log no longer has. */
const PATHS: Record<Transport, string> = {
  poll: '/api/poll',
  longpoll: '/api/longpoll',
  sse: '/api/sse',
  ws: '/ws',
  socketio: '/socket.io/',
}

function queryStringOf(target: string): HarNameValue[] {
  const query = target.split('?', 2)[1] ?? ''
  return Array.from(new URLSearchParams(query), ([name, value]) => ({ name, value }))
}

type EventOf<K extends ExchangeEvent['kind']> = Extract<ExchangeEvent, { kind: K }>

/** One HAR entry per recorded exchange; timestamps are the server's clock (`at`). */
export function buildHar(logs: readonly ExchangeLog[], options: HarOptions): Har {
  const entries: HarEntry[] = []
  const notes: string[] = []
  for (const log of logs) {
    const byId = new Map<number, ExchangeEvent[]>()
    for (const event of log.events) {
      const list = byId.get(event.id) ?? []
      list.push(event)
      byId.set(event.id, list)
    }
    let halfExchanges = 0
    let truncatedFrames = 0
    for (const [id, events] of byId) {
      const entry = entryFor(log.transport, id, events, options)
      if (!entry) halfExchanges++
      else {
        entries.push(entry)
        truncatedFrames += (entry._webSocketMessages ?? []).filter((m) => m._truncated).length
      }
    }
    notes.push(...logNotes(log, halfExchanges, truncatedFrames))
  }
  entries.sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime))
  const keeps = logs[0]?.keeps
  return {
    log: {
      version: '1.2',
      creator: { name: 'wirelab', version: options.creatorVersion ?? '0.1.0' },
      entries,
      comment: [
        "Recorded by the wirelab server's exchange log; times are the server's clock.",
        "The log holds the four transports only: this page's sends (POST /api/messages) and its control requests (the meter, the clock, the lab controls) are not in this file, and no body is recorded (content.text is absent; sizes are exact).",
        ...(notes.length === 0
          ? ['Of the transports, every event the server recorded for this page is here.']
          : [`The server keeps the last ${keeps} events per transport and page.`, ...notes]),
      ].join(' '),
    },
  }
}

/** What this transport's part of the file lacks, in sentences; none when it is complete. */
function logNotes(log: ExchangeLog, halfExchanges: number, truncatedFrames: number): string[] {
  const notes: string[] = []
  const dropped = log.recorded - log.events.length
  if (dropped > 0) {
    notes.push(
      `${log.transport}: ${log.events.length} of the ${log.recorded} events recorded are here; the ${dropped} oldest are not in this file.`,
    )
  }
  if (halfExchanges > 0) {
    notes.push(
      `${log.transport}: ${halfExchanges} exchange(s) whose request had already left the log are left out.`,
    )
  }
  if (truncatedFrames > 0) {
    notes.push(
      `${log.transport}: ${truncatedFrames} frame(s) longer than the 8 KiB the server captures hold only a preview (_truncated).`,
    )
  }
  return notes
}

function entryFor(
  transport: Transport,
  id: number,
  events: ExchangeEvent[],
  options: HarOptions,
): HarEntry | null {
  const request = events.find((e): e is EventOf<'request'> => e.kind === 'request')
  const response = events.find((e): e is EventOf<'response'> => e.kind === 'response')
  const sseEvents = events.filter((e): e is EventOf<'sse-event'> => e.kind === 'sse-event')
  const frames = events.filter((e): e is EventOf<'ws-frame'> => e.kind === 'ws-frame')
  const isStream = sseEvents.length > 0 || frames.length > 0
  // Half a poll tells nothing; a stream whose opening left the log still holds its events.
  if (!request && !isStream) return null
  const firstAt = Math.min(...events.map((e) => e.at))
  const lastAt = Math.max(...events.map((e) => e.at))
  const startedAt = request?.at ?? firstAt
  // Without a recorded head, sizes are -1 ("unknown" in HAR); with one they are exact.
  const requestHead = request?.head === undefined ? undefined : parseHead(request.head)
  const responseHead = response?.head === undefined ? undefined : parseHead(response.head)
  const httpVersion = requestHead?.httpVersion ?? 'HTTP/1.1'
  const requestHeadersSize = requestHead?.size ?? -1
  const status = response?.status ?? 0
  const statusText = responseHead?.statusText || STATUS_TEXT[status] || ''
  const responseHeadersSize = responseHead?.size ?? -1
  // For a stream the response event's bytes cover the head and what came with it (SSE: retry:).
  const firstBodyBytes =
    response && responseHeadersSize >= 0 ? Math.max(0, response.bytes - responseHeadersSize) : -1
  const eventBytes = sseEvents.reduce((sum, e) => sum + e.bytes, 0)
  const contentType = responseHead?.headers.find((h) => h.name.toLowerCase() === 'content-type')
  const target = request?.target ?? PATHS[transport]

  const wait = response ? Math.max(0, response.at - startedAt) : 0
  const receive = response ? Math.max(0, lastAt - response.at) : Math.max(0, lastAt - startedAt)
  const streamBytes = (direction: 'in' | 'out') =>
    frames.filter((f) => f.direction === direction).reduce((sum, f) => sum + f.bytes, 0)

  const entry: HarEntry = {
    startedDateTime: new Date(startedAt).toISOString(),
    time: wait + receive,
    request: {
      method: request?.method ?? 'GET',
      url: `${options.origin}${target}`,
      httpVersion,
      cookies: [],
      headers: requestHead?.headers ?? [],
      queryString: queryStringOf(target),
      headersSize: requestHeadersSize,
      bodySize:
        request && requestHeadersSize >= 0 ? Math.max(0, request.bytes - requestHeadersSize) : -1,
    },
    response: {
      status,
      statusText,
      httpVersion: responseHead?.httpVersion ?? httpVersion,
      cookies: [],
      headers: responseHead?.headers ?? [],
      content: {
        size:
          transport === 'sse'
            ? sseContentSize(firstBodyBytes, sseEvents)
            : Math.max(0, firstBodyBytes),
        mimeType: contentType?.value ?? MIME_TYPES[transport],
      },
      redirectURL: '',
      headersSize: responseHeadersSize,
      bodySize: firstBodyBytes < 0 ? -1 : firstBodyBytes + eventBytes,
    },
    cache: {},
    timings: { send: 0, wait, receive },
    _transport: transport,
    _exchangeId: id,
    _bytesOnWire: {
      up: (request?.bytes ?? 0) + streamBytes('in'),
      down: (response?.bytes ?? 0) + streamBytes('out') + eventBytes,
    },
  }
  const comments: string[] = []
  if (!request) {
    comments.push(
      "This stream's request (and its first events) had left the server's log: the request line is reconstructed and its sizes are unknown (-1).",
    )
  }
  if (transport === 'sse') {
    comments.push(
      'content.size counts the decoded text of the events listed in _sseEvents; bodySize adds their chunked framing.',
    )
    entry._sseEvents = sseEvents.map((e) => ({
      time: e.at / 1000,
      event: e.event,
      ...(e.eventId === undefined ? {} : { id: e.eventId }),
      bytes: e.bytes,
    }))
  }
  if (transport === 'ws' || frames.length > 0)
    entry._webSocketMessages = frames.map(webSocketMessage)
  if (comments.length > 0) entry.comment = comments.join(' ')
  return entry
}

/** A frame's payload in full from its captured bytes; a preview when the capture was cut. */
function webSocketMessage(frame: EventOf<'ws-frame'>): HarWebSocketMessage {
  const message: HarWebSocketMessage = {
    type: frame.direction === 'in' ? 'send' : 'receive',
    time: frame.at / 1000,
    opcode: frame.opcode,
    data: '',
  }
  const raw = frame.hex === undefined ? undefined : fromHex(frame.hex)
  const decoded = raw && raw.length === frame.bytes ? decodeFrame(raw) : null
  if (!decoded) {
    message.data = frame.preview ?? ''
    message._truncated = { payloadLength: frame.payloadLength }
  } else if (frame.opcode === 0x1 || frame.opcode === 0x0) {
    message.data = new TextDecoder().decode(decoded.payload)
  } else if (frame.opcode === 0x2) {
    message.data = btoa(String.fromCharCode(...decoded.payload))
  }
  return message
}

/** The decoded text an SSE response carried: each chunk's bytes minus its chunked framing. */
function sseContentSize(firstBodyBytes: number, events: readonly EventOf<'sse-event'>[]): number {
  const chunks = [...(firstBodyBytes > 0 ? [firstBodyBytes] : []), ...events.map((e) => e.bytes)]
  return chunks.reduce((sum, bytes) => sum + chunkPayloadBytes(bytes), 0)
}

/** A chunk on the wire is hex(size) CRLF data CRLF: the size whose framing adds up to `bytes`. */
export function chunkPayloadBytes(bytes: number): number {
  for (let digits = 1; digits <= 8; digits++) {
    const size = bytes - digits - 4
    if (size >= 0 && size.toString(16).length === digits) return size
  }
  return Math.max(0, bytes - 5)
}
