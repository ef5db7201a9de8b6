import type { ExchangeEvent, ExchangeLog, Transport } from './exchange.ts'
import { parseHead } from './http-head.ts'

// Only what HAR 1.2 requires, plus underscore-prefixed custom fields (allowed by the spec) for the
// parts HTTP Archive has no place for: SSE events, WebSocket frames, bytes on the wire.

export interface HarNameValue {
  name: string
  value: string
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
  _transport: Transport
  _exchangeId: number
  _bytesOnWire: { up: number; down: number }
  _sseEvents?: { time: number; event: string; id?: string; bytes: number }[]
  /** The field name Chrome DevTools uses, so its HAR import shows the frames. */
  _webSocketMessages?: { type: 'send' | 'receive'; time: number; opcode: number; data: string }[]
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
}

function queryStringOf(target: string): HarNameValue[] {
  const query = target.split('?', 2)[1] ?? ''
  return Array.from(new URLSearchParams(query), ([name, value]) => ({ name, value }))
}

type EventOf<K extends ExchangeEvent['kind']> = Extract<ExchangeEvent, { kind: K }>

/** One HAR entry per recorded request; timestamps are the server's clock (`at`). */
export function buildHar(logs: readonly ExchangeLog[], options: HarOptions): Har {
  const entries: HarEntry[] = []
  for (const log of logs) {
    const byId = new Map<number, ExchangeEvent[]>()
    for (const event of log.events) {
      const list = byId.get(event.id) ?? []
      list.push(event)
      byId.set(event.id, list)
    }
    for (const [id, events] of byId) {
      const entry = entryFor(log.transport, id, events, options)
      if (entry) entries.push(entry)
    }
  }
  entries.sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime))
  return {
    log: {
      version: '1.2',
      creator: { name: 'wirelab', version: options.creatorVersion ?? '0.1.0' },
      entries,
      comment: "Recorded by the wirelab server's exchange log; times are server clock.",
    },
  }
}

function entryFor(
  transport: Transport,
  id: number,
  events: ExchangeEvent[],
  options: HarOptions,
): HarEntry | null {
  const request = events.find((e): e is EventOf<'request'> => e.kind === 'request')
  // Without its request line an exchange cannot become a valid entry (method and url are required).
  if (!request) return null
  const response = events.find((e): e is EventOf<'response'> => e.kind === 'response')
  const sseEvents = events.filter((e): e is EventOf<'sse-event'> => e.kind === 'sse-event')
  const frames = events.filter((e): e is EventOf<'ws-frame'> => e.kind === 'ws-frame')
  const lastAt = Math.max(...events.map((e) => e.at))
  // Without a recorded head, sizes are -1 ("unknown" in HAR); with one they are exact.
  const requestHead = request.head === undefined ? undefined : parseHead(request.head)
  const responseHead = response?.head === undefined ? undefined : parseHead(response.head)
  const httpVersion = requestHead?.httpVersion ?? 'HTTP/1.1'
  const requestHeadersSize = requestHead?.size ?? -1
  const status = response?.status ?? 0
  const statusText = responseHead?.statusText || STATUS_TEXT[status] || ''
  const responseHeadersSize = responseHead?.size ?? -1
  // For a stream the response event's bytes cover only what came with the head.
  const responseBodySize =
    response && responseHeadersSize >= 0 ? Math.max(0, response.bytes - responseHeadersSize) : -1
  const contentType = responseHead?.headers.find((h) => h.name.toLowerCase() === 'content-type')

  const wait = response ? Math.max(0, response.at - request.at) : 0
  const receive = response ? Math.max(0, lastAt - response.at) : 0
  const streamBytes = (direction: 'in' | 'out') =>
    frames.filter((f) => f.direction === direction).reduce((sum, f) => sum + f.bytes, 0)

  const entry: HarEntry = {
    startedDateTime: new Date(request.at).toISOString(),
    time: wait + receive,
    request: {
      method: request.method,
      url: `${options.origin}${request.target}`,
      httpVersion,
      cookies: [],
      headers: requestHead?.headers ?? [],
      queryString: queryStringOf(request.target),
      headersSize: requestHeadersSize,
      bodySize: requestHeadersSize >= 0 ? Math.max(0, request.bytes - requestHeadersSize) : -1,
    },
    response: {
      status,
      statusText,
      httpVersion: responseHead?.httpVersion ?? httpVersion,
      cookies: [],
      headers: responseHead?.headers ?? [],
      content: {
        size: Math.max(0, responseBodySize),
        mimeType: contentType?.value ?? MIME_TYPES[transport],
      },
      redirectURL: '',
      headersSize: responseHeadersSize,
      bodySize: responseBodySize,
    },
    cache: {},
    timings: { send: 0, wait, receive },
    _transport: transport,
    _exchangeId: id,
    _bytesOnWire: {
      up: request.bytes + streamBytes('in'),
      down:
        (response?.bytes ?? 0) + streamBytes('out') + sseEvents.reduce((s, e) => s + e.bytes, 0),
    },
  }
  if (sseEvents.length > 0) {
    entry._sseEvents = sseEvents.map((e) => ({
      time: e.at / 1000,
      event: e.event,
      ...(e.eventId === undefined ? {} : { id: e.eventId }),
      bytes: e.bytes,
    }))
  }
  if (transport === 'ws') {
    entry._webSocketMessages = frames.map((f) => ({
      type: f.direction === 'in' ? 'send' : 'receive',
      time: f.at / 1000,
      opcode: f.opcode,
      data: f.preview ?? '',
    }))
  }
  return entry
}
