import { Hono } from 'hono'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { readJsonBody } from '../http/body.ts'
import { ApiError } from '../http/errors.ts'
import { queryRoom } from '../http/params.ts'
import { authorizeRoomChange } from '../lab/room-control.ts'
import { applyChange, TooManyProxiesError } from '../net/index.ts'
import { NO_CONDITIONS, networkBodySchema } from '../protocol.ts'

/**
 * Network conditions per transport (`/api/lab/network`, counted as `control`): each shaped
 * transport of a room gets its own shaping proxy, and every page of the room routes that transport
 * through it (`event: network` of the lab stats stream).
 */
export function labNetworkRoutes({ network, config }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/lab/network', async (c) => {
      const { room: bodyRoom, transport, ...change } = await readJsonBody(c, networkBodySchema)
      const room = bodyRoom ?? queryRoom(c)
      authorizeRoomChange(c, config, { kind: 'network' })
      const current = network.get(room).shaped[transport] ?? NO_CONDITIONS
      const conditions = applyChange(current, change)
      if (typeof conditions === 'string') throw new ApiError(400, 'bad_request', conditions)
      try {
        return c.json(await network.set(room, transport, conditions))
      } catch (error) {
        if (!(error instanceof TooManyProxiesError)) throw error
        c.header('Retry-After', '30')
        throw new ApiError(503, 'rate_limited', error.message)
      }
    })
    .get('/api/lab/network', (c) => c.json(network.get(queryRoom(c))))
}
