import type { ExchangeEvent } from './exchange.ts'
import { parseHead } from './http-head.ts'
import { type HeadPair, headsOf } from './http-heads.ts'

/** What a WebSocket exchange log says about the upgrade of its newest connection. */
export type UpgradeLookup =
  | { state: 'none' }
  /** Frames of the connection are logged, its upgrade request is no longer (the log is bounded). */
  | { state: 'trimmed'; connectionId: number }
  | { state: 'found'; heads: HeadPair; key: string | null; accept: string | null }

/**
 * Finds the upgrade request and `101` of the newest WebSocket connection in its log. Every event
 * of a connection carries the id of the request that opened it, and ids only grow, so the
 * highest id is the newest connection even when an older one's close is logged after it opened.
 */
export function lastUpgrade(events: readonly ExchangeEvent[]): UpgradeLookup {
  if (events.length === 0) return { state: 'none' }
  const connectionId = Math.max(...events.map((event) => event.id))
  const request = events.find(
    (event): event is Extract<ExchangeEvent, { kind: 'request' }> & { head: string } =>
      event.kind === 'request' && event.id === connectionId && event.head !== undefined,
  )
  if (!request) return { state: 'trimmed', connectionId }
  const heads = headsOf(events, request)
  return {
    state: 'found',
    heads,
    key: headerValue(heads.request.head, 'sec-websocket-key'),
    accept: heads.response ? headerValue(heads.response.head, 'sec-websocket-accept') : null,
  }
}

function headerValue(head: string, name: string): string | null {
  return parseHead(head).headers.find((header) => header.name.toLowerCase() === name)?.value ?? null
}
