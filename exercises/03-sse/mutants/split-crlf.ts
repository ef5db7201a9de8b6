// Mutant: forgets that a CR at the end of a chunk may be followed by the LF of the same CRLF.
/** One event for the `text/event-stream` wire format. */
export interface SseMessage {
  data: string
  event?: string
  id?: string
  retry?: number
}

/** What the parser hands to its listener, as `EventSource` would in a `MessageEvent`. */
export interface SseEvent {
  type: string
  data: string
  lastEventId: string
}

const LINE_BREAK = /\r\n|\r|\n/

function singleLine(field: 'event' | 'id', value: string): string {
  if (/[\r\n]/.test(value)) throw new TypeError(`${field} must not contain "\\r" or "\\n"`)
  return value
}

/** The block of lines for one event, ending with the blank line that dispatches it. */
export function formatEvent({ data, event, id, retry }: SseMessage): string {
  let block = ''
  if (event !== undefined) block += `event: ${singleLine('event', event)}\n`
  if (id !== undefined) {
    // A browser silently ignores an id containing NULL: refuse to send one.
    if (id.includes('\0')) throw new TypeError('id must not contain NULL')
    block += `id: ${singleLine('id', id)}\n`
  }
  if (retry !== undefined) {
    if (!Number.isSafeInteger(retry) || retry < 0) {
      throw new RangeError(`retry must be a non-negative integer of milliseconds, not ${retry}`)
    }
    block += `retry: ${retry}\n`
  }
  // The space after the colon is always written, so a line that starts with a space keeps it.
  for (const line of data.split(LINE_BREAK)) block += `data: ${line}\n`
  return `${block}\n`
}

/** The WHATWG HTML event-stream parser (§9.2.6), fed with decoded text in chunks of any size. */
export class SseParser {
  /** Reconnection time in ms set by the last valid `retry` field; undefined until there is one. */
  retry: number | undefined = undefined
  /** The id a reconnection would send in `Last-Event-ID`. */
  lastEventId = ''

  readonly #onEvent: (event: SseEvent) => void
  #line = ''
  #data = ''
  #eventType = ''
  #lastEventIdBuffer = ''
  #atStreamStart = true

  constructor(onEvent: (event: SseEvent) => void) {
    this.#onEvent = onEvent
  }

  push(chunk: string): void {
    if (chunk === '') return
    let text = chunk
    if (this.#atStreamStart) {
      this.#atStreamStart = false
      if (text.startsWith('\uFEFF')) text = text.slice(1)
    }
    let lineStart = 0
    for (let i = lineStart; i < text.length; i++) {
      const char = text[i]
      if (char !== '\r' && char !== '\n') continue
      const line = this.#line + text.slice(lineStart, i)
      this.#line = ''
      if (char === '\r') {
        if (text[i + 1] === '\n') i++
      }
      lineStart = i + 1
      this.#processLine(line)
    }
    this.#line += text.slice(lineStart)
  }

  /** The stream is over: an event without its blank line is discarded, never dispatched. */
  end(): void {
    this.#line = ''
    this.#data = ''
    this.#eventType = ''
    this.#lastEventIdBuffer = this.lastEventId
    this.#atStreamStart = true
  }

  #processLine(line: string): void {
    if (line === '') {
      this.#dispatch()
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    switch (field) {
      case 'event':
        this.#eventType = value
        break
      case 'data':
        this.#data += `${value}\n`
        break
      case 'id':
        if (!value.includes('\0')) this.#lastEventIdBuffer = value
        break
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.retry = Number.parseInt(value, 10)
        break
    }
  }

  #dispatch(): void {
    this.lastEventId = this.#lastEventIdBuffer
    const data = this.#data
    const type = this.#eventType || 'message'
    this.#data = ''
    this.#eventType = ''
    if (data === '') return
    this.#onEvent({ type, data: data.slice(0, -1), lastEventId: this.lastEventId })
  }
}
