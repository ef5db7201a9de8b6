// The contract lives once, in server/src/protocol.ts; type-only re-exports cost the bundle nothing.
export type {
  ExchangeEvent,
  ExchangeLog,
  LoggedExchangeEvent,
  Transport,
} from '../../../server/src/protocol.ts'

import type { Transport } from '../../../server/src/protocol.ts'

/** The four transports the lab compares, in the order the page shows them. */
export const TRANSPORTS: readonly Transport[] = ['poll', 'longpoll', 'sse', 'ws']

import type { ExchangeEvent, LoggedExchangeEvent } from '../../../server/src/protocol.ts'

/** Numbers events the way the server's log does (`n` from `from` on), for the tests. */
export function numberEvents(events: readonly ExchangeEvent[], from = 1): LoggedExchangeEvent[] {
  return events.map((event, index) => ({ ...event, n: from + index }))
}
