import type { ExchangeEvent } from './exchange.ts'

export interface HeadPair {
  request: { head: string; bytes: number; at: number }
  response: { head: string; bytes: number; status: number; at: number } | null
}

type RequestEvent = Extract<ExchangeEvent, { kind: 'request' }>
type ResponseEvent = Extract<ExchangeEvent, { kind: 'response' }>

/** The newest request that has a raw head, with its response when one came back. */
export function lastHeads(events: readonly ExchangeEvent[]): HeadPair | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event?.kind === 'request' && event.head !== undefined) {
      return headsOf(events, { ...event, head: event.head })
    }
  }
  return null
}

/** A request with a raw head, paired with the response of the same exchange id when logged. */
export function headsOf(
  events: readonly ExchangeEvent[],
  request: RequestEvent & { head: string },
): HeadPair {
  const response = events.find(
    (candidate): candidate is ResponseEvent =>
      candidate.kind === 'response' && candidate.id === request.id,
  )
  return {
    request: { head: request.head, bytes: request.bytes, at: request.at },
    response:
      response?.head === undefined
        ? null
        : { head: response.head, bytes: response.bytes, status: response.status, at: response.at },
  }
}

/** A head as it is on the wire, each CR LF written out as `\r\n` (fonts lack ␍␊), lines kept. */
export function showLineEnds(head: string): string {
  return head.replaceAll('\r\n', '\\r\\n\n').replace(/\n$/, '')
}
