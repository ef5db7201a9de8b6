import type { ExchangeLog, KillResult } from '../../../server/src/protocol.ts'
import { sleep } from '../transports/client.ts'

const CHECK_EVERY_MS = 1_000
/** Longer than the slowest way back: a 60 s long poll, a 10 s poll interval, a backoff. */
const GIVE_UP_AFTER_MS = 75_000

export interface NextConnection {
  /** The number of the connection the next request came on. */
  conn: number
  /** Server ms from the drop to that request. */
  afterMs: number
}

/**
 * After a drop, reads the transport's exchange log until a request arrives on a connection other
 * than those dropped: that is how the client came back (or null if it did not within the limit,
 * e.g. a paused panel).
 */
export async function watchNextConnection(
  drop: KillResult,
  options: { read: (after: number) => Promise<ExchangeLog>; signal: AbortSignal },
): Promise<NextConnection | null> {
  const dropped = new Set(drop.connections.map((connection) => connection.conn))
  let after = drop.logN
  for (let waited = 0; waited < GIVE_UP_AFTER_MS; waited += CHECK_EVERY_MS) {
    await sleep(CHECK_EVERY_MS, options.signal)
    if (options.signal.aborted) return null
    const log = await options.read(after).catch(() => null)
    for (const event of log?.events ?? []) {
      after = Math.max(after, event.n)
      if (event.kind === 'request' && !dropped.has(event.conn)) {
        return { conn: event.conn, afterMs: Math.max(0, event.at - drop.at) }
      }
    }
  }
  return null
}
