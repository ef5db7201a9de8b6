import { Hono } from 'hono'
import { requireClassMember } from './class/membership.ts'
import { classRoutes, openModeRoutes } from './class/routes.ts'
import type { AppEnv, Deps } from './http/app-env.ts'
import { allowTransportReads } from './http/cors.ts'
import { ApiError, errorBody, sendError } from './http/errors.ts'
import { meterRequests } from './http/meter-middleware.ts'
import { guardStateChanges } from './http/origin.ts'
import { requireToken } from './http/token.ts'
import { guardOddRequests } from './http/upgrades.ts'
import { INSTANCE_HEADER } from './protocol.ts'
import { apiPageRoutes } from './routes/api-page.ts'
import { feedInfoRoutes } from './routes/feed-info.ts'
import { labRoutes } from './routes/lab.ts'
import { labNetworkRoutes } from './routes/lab-network.ts'
import { statsRoutes } from './routes/stats.ts'
import { longPollingRoutes } from './transports/long-polling.ts'
import { pollingRoutes } from './transports/polling.ts'
import { sendRoutes } from './transports/send.ts'
import { socketIoRoutes } from './transports/socketio.ts'
import { sseRoutes } from './transports/sse.ts'
import { websocketRoutes } from './transports/websocket.ts'
import { webUiRoutes } from './web-ui/routes.ts'

/** The Hono app: wires middleware and routes; the logic lives in the route modules. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use(meterRequests(deps.meter, deps.exchanges))
  const { instance } = deps.config
  if (instance !== undefined) {
    // Several instances behind a proxy: each answer says which one served it.
    app.use((c, next) => {
      c.header(INSTANCE_HEADER, instance)
      return next()
    })
  }
  // Set before the guards and the handler answer (their refusals too): a header added after it would make Hono copy the response
  // (and @hono/node-server leave its fast path).
  app.use('/api/*', (c, next) => {
    c.header('Cache-Control', 'no-store')
    return next()
  })
  const { allowOrigins } = deps.config
  app.use(allowTransportReads(allowOrigins, deps.isServerPort))
  app.use(guardOddRequests(allowOrigins, deps.isServerPort))
  app.use(guardStateChanges(allowOrigins, deps.isServerPort))
  app.use(requireToken(deps.config.token))
  app.use(requireClassMember(deps.classroom, deps.config.operatorToken ?? ''))
  app.route('/', sendRoutes(deps))
  app.route('/', pollingRoutes(deps))
  app.route('/', longPollingRoutes(deps))
  app.route('/', sseRoutes(deps))
  app.route('/', websocketRoutes(deps))
  app.route('/', socketIoRoutes(deps))
  app.route('/', feedInfoRoutes(deps))
  app.route('/', statsRoutes(deps))
  app.route('/', labRoutes(deps))
  app.route('/', labNetworkRoutes(deps))
  app.route('/', deps.classroom ? classRoutes(deps, deps.classroom) : openModeRoutes())
  app.route('/', apiPageRoutes())
  app.route('/', webUiRoutes(deps.config.webDist))
  app.notFound((c) =>
    c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404),
  )
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error)
    console.error('unexpected error:', error)
    return c.json(errorBody('server_error', 'the server failed to answer this request'), 500)
  })
  return app
}
