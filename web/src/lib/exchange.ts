// The contract lives once, in server/src/protocol.ts; type-only re-exports cost the bundle nothing.
export type {
  ExchangeEvent,
  ExchangeLog,
  LoggedExchangeEvent,
  Transport,
} from '../../../server/src/protocol.ts'

import type { Transport } from '../../../server/src/protocol.ts'

/** The four transports the lab compares, in the order the page shows them. */
export const CORE_TRANSPORTS: readonly Transport[] = ['poll', 'longpoll', 'sse', 'ws']

/** Whether a page URL's query asks for Socket.IO as a fifth panel (`?socketio=1`). */
export function wantsSocketIo(search: string): boolean {
  return new URLSearchParams(search).get('socketio') === '1'
}

/** Socket.IO is shown when the page was opened with `?socketio=1` (off by default). */
export const SOCKETIO_ON = wantsSocketIo(globalThis.location?.search ?? '')

/** The transports this page runs: the four, and Socket.IO when it is on. */
export const TRANSPORTS: readonly Transport[] = SOCKETIO_ON
  ? [...CORE_TRANSPORTS, 'socketio']
  : CORE_TRANSPORTS

import type { ExchangeEvent, LoggedExchangeEvent } from '../../../server/src/protocol.ts'

/** Numbers events the way the server's log does (`n` from `from` on), for the tests. */
export function numberEvents(events: readonly ExchangeEvent[], from = 1): LoggedExchangeEvent[] {
  return events.map((event, index) => ({ ...event, n: from + index }))
}
