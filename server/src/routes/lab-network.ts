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
      const body = await readJsonBody(c, networkBodySchema)
      const { room: bodyRoom, transport, offlineForMs, ...change } = body
      const room = bodyRoom ?? queryRoom(c)
      authorizeRoomChange(c, config, { kind: 'network' })
      if (offlineForMs !== undefined) {
        if (change.offline === false || change.clear) {
          throw new ApiError(
            400,
            'bad_request',
            'offlineForMs goes offline: not with offline: false or clear',
          )
        }
        change.offline = true
      }
      const current = network.get(room).shaped[transport] ?? NO_CONDITIONS
      const conditions = applyChange(current, change)
      if (typeof conditions === 'string') throw new ApiError(400, 'bad_request', conditions)
      // offlineForMs starts the server's timer back online; going offline or online by hand, or
      // clearing, ends one that was running; any other change leaves it running.
      const byHand = change.offline !== undefined || change.clear === true
      const backOnlineAfterMs = offlineForMs ?? (byHand ? null : undefined)
      try {
        return c.json(await network.set(room, transport, conditions, backOnlineAfterMs))
      } catch (error) {
        if (!(error instanceof TooManyProxiesError)) throw error
        c.header('Retry-After', '30')
        throw new ApiError(503, 'rate_limited', error.message)
      }
    })
    .get('/api/lab/network', (c) => c.json(network.get(queryRoom(c))))
}
