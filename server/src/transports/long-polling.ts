import { Hono } from 'hono'
import type { Cursor, Feed } from '../feed/index.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { intParam, param, queryCursor, queryRoom } from '../http/params.ts'
import { clientGone, type StopSignal } from '../http/when-closed.ts'
import { type Batch, LIMITS } from '../protocol.ts'
import { meterBatch, pollLimitParam } from './batch.ts'

const timeoutParam = intParam(0, LIMITS.longPollTimeoutMaxMs)

/**
 * Long polling: `GET /api/longpoll` holds the request until the room has something after the
 * cursor, or answers an empty batch at `timeout` ms.
 */
export function longPollingRoutes({ feed, meter, config, live, closing }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/longpoll', async (c) => {
    const room = queryRoom(c)
    const cursor = queryCursor(c)
    const limit = param(c, 'limit', pollLimitParam, LIMITS.pollLimitDefault)
    const timeoutMs = param(c, 'timeout', timeoutParam, config.longPollTimeoutMs)
    const closeGauge = live.open('long_polls')
    const batch = await waitForBatch(feed, room, cursor, limit, timeoutMs, [
      clientGone(c),
      closing,
    ]).finally(closeGauge)
    meterBatch(c, meter, batch)
    return c.json(batch)
  })
}

/**
 * Reads after the cursor, waiting for appends until something is there or time is up. The
 * subscription comes before the first read, so an append between the two cannot be missed; it is
 * removed on every way out (answer, timeout, client gone, shutdown), so waiters never pile up.
 */
export async function waitForBatch(
  feed: Feed,
  room: string,
  cursor: Cursor,
  limit: number,
  timeoutMs: number,
  stopSignals: StopSignal[],
): Promise<Batch> {
  let wake = () => {}
  let appended = false
  const unsubscribe = feed.subscribe(room, () => {
    appended = true
    wake()
  })
  const deadline = Date.now() + timeoutMs
  try {
    for (;;) {
      appended = false
      const batch = await feed.read(room, cursor, limit)
      const remainingMs = deadline - Date.now()
      const stopped = stopSignals.some((signal) => signal.aborted)
      if (batch.messages.length > 0 || batch.reset || batch.gap || remainingMs <= 0 || stopped) {
        return batch
      }
      if (!appended) await sleepUntilWoken(remainingMs, stopSignals, (fn) => (wake = fn))
    }
  } finally {
    unsubscribe()
  }
}

function sleepUntilWoken(
  ms: number,
  signals: StopSignal[],
  setWake: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      for (const signal of signals) signal.removeEventListener('abort', done)
      setWake(() => {})
      resolve()
    }
    const timer = setTimeout(done, ms)
    for (const signal of signals) signal.addEventListener('abort', done, { once: true })
    setWake(done)
  })
}
