import { randomBytes } from 'node:crypto'
import { DEFAULT_CONFIG } from '../../../src/config.ts'
import { startServer } from '../../../src/server.ts'
import type { StartedTarget, TargetOptions } from './target.ts'

/**
 * wirelab itself, as `npm start` runs it but on loopback port 0, without the per-address
 * connection cap, and with its own operator token so that the ticker may go past --ticker-max.
 * Its producer is its own ticker, set through `POST /api/lab/ticker` like a page sets it.
 * With `class`, as `npm start -- --class` runs it (its ticker stops when idle, as there).
 */
export async function startWirelab({
  meter,
  class: classMode,
}: TargetOptions): Promise<StartedTarget> {
  const operatorToken = classMode?.operatorToken ?? randomBytes(16).toString('base64url')
  const running = await startServer({
    ...DEFAULT_CONFIG,
    host: '127.0.0.1',
    port: 0,
    maxConnectionsPerIp: 1_000_000,
    operatorToken,
    meter,
    ...(classMode ? { classMode: true, classCode: classMode.code } : { tickerIdleMs: 86_400_000 }),
  })
  return {
    server: running.server,
    url: running.url,
    async setRate(room, rate, size) {
      const response = await fetch(`${running.url}/api/lab/ticker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
        body: JSON.stringify({ room, rate, size }),
        signal: AbortSignal.timeout(20_000),
      })
      // Read whole: an unread body keeps fetch's connection busy.
      const body = await response.text()
      if (!response.ok) throw new Error(`POST /api/lab/ticker: ${response.status} ${body}`)
    },
    // The bench gives every step a room of its own: the ticker is the only writer.
    produced: (room) => running.feed.head(room),
    close: () => running.close(),
  }
}
