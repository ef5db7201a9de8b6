import type { ExchangeEvent, ExchangeLog, Transport } from './exchange.ts'

// Only what HAR 1.2 requires, plus underscore-prefixed custom fields (allowed by the spec) for the
// parts HTTP Archive has no place for: SSE events, WebSocket frames, bytes on the wire.

export interface HarNameValue {
  name: string
  value: string
}

/** The start line and headers of a request or response, when the server recorded them. */
export interface RecordedHead {
  httpVersion?: string
  statusText?: string
  headers: HarNameValue[]
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
  /** Keyed by `headKey(transport, id)`. */
  heads?: ReadonlyMap<string, { request?: RecordedHead; response?: RecordedHead }>
}

export const headKey = (transport: Transport, id: number) => `${transport}:${id}`

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

const utf8 = new TextEncoder()

/** Bytes from the start line to the blank line, both included: HAR's `headersSize`. */
function headSize(startLine: string, head: RecordedHead): number {
  const headers = head.headers.map(({ name, value }) => `${name}: ${value}\r\n`).join('')
  return utf8.encode(`${startLine}\r\n${headers}\r\n`).length
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
  const head = options.heads?.get(headKey(transport, id))
  const httpVersion = head?.request?.httpVersion ?? 'HTTP/1.1'

  const requestHeadersSize = head?.request
    ? headSize(`${request.method} ${request.target} ${httpVersion}`, head.request)
    : -1
  const status = response?.status ?? 0
  const statusText = head?.response?.statusText ?? STATUS_TEXT[status] ?? ''
  const responseHeadersSize = head?.response
    ? headSize(`${httpVersion} ${status} ${statusText}`.trimEnd(), head.response)
    : -1
  const responseBodySize =
    response && responseHeadersSize >= 0 ? Math.max(0, response.bytes - responseHeadersSize) : -1
  const contentType = head?.response?.headers.find((h) => h.name.toLowerCase() === 'content-type')

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
      headers: head?.request?.headers ?? [],
      queryString: queryStringOf(request.target),
      headersSize: requestHeadersSize,
      bodySize: requestHeadersSize >= 0 ? Math.max(0, request.bytes - requestHeadersSize) : -1,
    },
    response: {
      status,
      statusText,
      httpVersion: head?.response?.httpVersion ?? httpVersion,
      cookies: [],
      headers: head?.response?.headers ?? [],
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
