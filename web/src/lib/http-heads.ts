import type { ExchangeEvent } from './exchange.ts'

export interface HeadPair {
  request: { head: string; bytes: number; at: number }
  response: { head: string; bytes: number; status: number; at: number } | null
}

/** The newest request that has a raw head, with its response when one came back. */
export function lastHeads(events: readonly ExchangeEvent[]): HeadPair | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event?.kind !== 'request' || event.head === undefined) continue
    const response = events.find(
      (candidate): candidate is Extract<ExchangeEvent, { kind: 'response' }> =>
        candidate.kind === 'response' && candidate.id === event.id,
    )
    return {
      request: { head: event.head, bytes: event.bytes, at: event.at },
      response:
        response?.head === undefined
          ? null
          : {
              head: response.head,
              bytes: response.bytes,
              status: response.status,
              at: response.at,
            },
    }
  }
  return null
}

/** A head as it is on the wire, each CR LF written out as `\r\n` (fonts lack ␍␊), lines kept. */
export function showLineEnds(head: string): string {
  return head.replaceAll('\r\n', '\\r\\n\n').replace(/\n$/, '')
}
