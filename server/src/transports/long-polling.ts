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
    let batch: Batch
    try {
      batch = await waitForBatch(feed, room, cursor, limit, timeoutMs, [clientGone(c), closing])
    } finally {
      closeGauge()
    }
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
  const wait = new AppendWait(stopSignals)
  // A break wakes the wait too: the next read tells the client of its reset or gap.
  const unsubscribe = await feed.subscribe(room, wait.onAppend, wait.onAppend)
  const deadline = Date.now() + timeoutMs
  try {
    for (;;) {
      wait.appended = false
      const batch = await feed.read(room, cursor, limit)
      const remainingMs = deadline - Date.now()
      const stopped = stopSignals.some((signal) => signal.aborted)
      if (batch.messages.length > 0 || batch.reset || batch.gap || remainingMs <= 0 || stopped) {
        return batch
      }
      if (!wait.appended) await wait.sleep(remainingMs)
    }
  } finally {
    unsubscribe()
  }
}

/**
 * One held request's sleep between two reads: it ends at the room's next append, at its time, or
 * when a signal stops it. A class, with its two callbacks bound once: a thousand held polls, each
 * answered ten times a second, would otherwise make five closures for every answer.
 */
class AppendWait {
  /** An append came since the last read: the next read has something, no sleep needed. */
  appended = false
  readonly onAppend: () => void
  readonly #wake: () => void
  #resolve: (() => void) | undefined
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(readonly signals: StopSignal[]) {
    this.onAppend = this.#appendCame.bind(this)
    this.#wake = this.#end.bind(this)
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#resolve = resolve
      this.#timer = setTimeout(this.#wake, ms)
      for (const signal of this.signals) signal.addEventListener('abort', this.#wake)
    })
  }

  #appendCame(): void {
    this.appended = true
    this.#end()
  }

  #end(): void {
    const resolve = this.#resolve
    if (!resolve) return
    this.#resolve = undefined
    clearTimeout(this.#timer)
    for (const signal of this.signals) signal.removeEventListener('abort', this.#wake)
    resolve()
  }
}
