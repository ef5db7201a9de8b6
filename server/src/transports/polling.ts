import { Hono } from 'hono'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { param, queryCursor, queryRoom } from '../http/params.ts'
import { LIMITS } from '../protocol.ts'
import { meterBatch, pollLimitParam } from './batch.ts'

/** Short polling: `GET /api/poll` answers at once with what is after the cursor, often nothing. */
export function pollingRoutes({ feed, meter, activity }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/poll', async (c) => {
    const room = queryRoom(c)
    const cursor = queryCursor(c)
    const limit = param(c, 'limit', pollLimitParam, LIMITS.pollLimitDefault)
    const batch = await feed.read(room, cursor, limit)
    activity.polled(room)
    meterBatch(c, meter, batch)
    return c.json(batch)
  })
}
