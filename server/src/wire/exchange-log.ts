import type { IncomingMessage } from 'node:http'
import type { ExchangeEvent, ExchangeLog, LoggedExchangeEvent, Transport } from '../protocol.ts'
import type { ScannedFrame } from './frame-scanner.ts'

export interface ExchangeLogOptions {
  /** Events kept per client and transport (the oldest go first). */
  maxEvents?: number
  /** Clients remembered (the least recently written go first). */
  maxClients?: number
}

/**
 * What really crossed the wire for each client, per transport: requests and responses with their
 * heads, SSE events, WebSocket frames. Bounded, so a long class cannot grow it without end.
 */
export class ExchangeLogs {
  readonly #logs = new Map<string, { events: LoggedExchangeEvent[]; recorded: number }>()
  readonly #maxEvents: number
  readonly #maxClients: number
  #nextId = 1
  #nextN = 1

  constructor(options: ExchangeLogOptions = {}) {
    this.#maxEvents = options.maxEvents ?? 300
    this.#maxClients = options.maxClients ?? 400
  }

  /** A new id for an HTTP exchange or a connection. */
  newId(): number {
    return this.#nextId++
  }

  record(client: string, transport: Transport, event: ExchangeEvent): void {
    const key = `${client}\u0000${transport}`
    let log = this.#logs.get(key)
    if (log) {
      this.#logs.delete(key)
    } else {
      log = { events: [], recorded: 0 }
      if (this.#logs.size >= this.#maxClients * 4) {
        const oldest = this.#logs.keys().next().value
        if (oldest !== undefined) this.#logs.delete(oldest)
      }
    }
    this.#logs.set(key, log)
    log.recorded++
    log.events.push({ ...event, n: this.#nextN++ })
    if (log.events.length > this.#maxEvents) {
      log.events.splice(0, log.events.length - this.#maxEvents)
    }
  }

  /** The events kept for a client and transport, oldest first; only those after `n`, if given. */
  read(client: string, transport: Transport, after = 0): ExchangeLog {
    const log = this.#logs.get(`${client}\u0000${transport}`)
    return {
      client,
      transport,
      events: (log?.events ?? []).filter((event) => event.n > after),
      recorded: log?.recorded ?? 0,
      keeps: this.#maxEvents,
    }
  }

  /** The number of the newest event recorded so far (0 before any). */
  get lastN(): number {
    return this.#nextN - 1
  }
}

/** The request head as it came in (request line and headers, as sent, without the body). */
export function requestHead(request: IncomingMessage): string {
  const lines = [`${request.method} ${hideToken(request.url ?? '')} HTTP/${request.httpVersion}`]
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] ?? ''
    const value = request.rawHeaders[i + 1] ?? ''
    lines.push(`${name}: ${CREDENTIALS.test(name) ? '*'.repeat(value.length) : value}`)
  }
  return `${lines.join('\r\n')}\r\n\r\n`
}

/**
 * Headers whose values are secrets: the exchange log (which any page that knows a client id can
 * read) shows them as `*` — as many as the value had characters, so that head sizes stay exact.
 */
const CREDENTIALS = /^(authorization|proxy-authorization|cookie)$/i

/** A request target with its `token=`, `operator=` and `code=` values starred, their length kept. */
export function hideToken(target: string): string {
  return target.replace(
    /([?&](?:token|operator|code)=)([^&#]*)/g,
    (_, name: string, value: string) => name + '*'.repeat(value.length),
  )
}

const PREVIEW_CHARS = 120
const HEX_BYTES = 8 * 1024

/** A frame as the exchange log shows it: header fields, its first bytes in hex, a text preview. */
export function frameEvent(
  id: number,
  frame: ScannedFrame,
  direction: 'in' | 'out',
): Extract<ExchangeEvent, { kind: 'ws-frame' }> {
  const payload = Buffer.from(frame.raw.subarray(frame.headerLength))
  if (frame.masked) {
    const key = frame.raw.subarray(frame.headerLength - 4, frame.headerLength)
    for (let i = 0; i < payload.length; i++)
      payload[i] = (payload[i] as number) ^ (key[i % 4] as number)
  }
  const event: Extract<ExchangeEvent, { kind: 'ws-frame' }> = {
    at: Date.now(),
    kind: 'ws-frame',
    id,
    direction,
    opcode: frame.opcode,
    fin: frame.fin,
    masked: frame.masked,
    payloadLength: frame.payloadLength,
    bytes: frame.headerLength + frame.payloadLength,
    hex: Buffer.from(frame.raw.subarray(0, HEX_BYTES)).toString('hex'),
  }
  const preview = framePreview(frame.opcode, payload)
  if (preview !== undefined) event.preview = preview
  return event
}

function framePreview(opcode: number, payload: Buffer): string | undefined {
  if (opcode === 0x1 || opcode === 0x0) return payload.toString('utf8').slice(0, PREVIEW_CHARS)
  if (opcode === 0x8 && payload.length >= 2) {
    const reason = payload.subarray(2).toString('utf8')
    return `${payload.readUInt16BE(0)}${reason ? ` ${reason}` : ''}`
  }
  return undefined
}

/** Bytes a chunk of `text` takes in a chunked HTTP body: hex size, CRLF, data, CRLF. */
export function chunkedBytes(text: string): number {
  const length = Buffer.byteLength(text)
  return length.toString(16).length + 2 + length + 2
}
