import { Hono } from 'hono'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { intParam, param, queryRoom } from '../http/params.ts'
import { LIMITS } from '../protocol.ts'

const historyLimitParam = intParam(1, LIMITS.historyLimitMax)

/** `GET /api/history` (the last messages of a room) and `GET /api/time` (the server clock). */
export function feedInfoRoutes({ feed }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/history', async (c) => {
      const room = queryRoom(c)
      const limit = param(c, 'limit', historyLimitParam, LIMITS.historyLimitDefault)
      return c.json(await feed.history(room, limit))
    })
    .get('/api/time', (c) => c.json({ now: Date.now() }))
}
