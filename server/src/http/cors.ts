import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.ts'
import { isAllowedOrigin, type ServerPorts } from './origin.ts'

/** The HTTP transports: what a page reads through a shaping proxy, another origin (its port). */
const TRANSPORT_PATHS = new Set(['/api/poll', '/api/longpoll', '/api/sse'])

/**
 * A page routes a shaped transport through a proxy port: the answers come from another origin,
 * and the browser shows them to the page only with CORS. They carry it for allowed origins only
 * (origin.ts): the exact origin, never `*`, with credentials, so the `wirelab_token` cookie goes
 * along (a `*` answer to a request with credentials is refused by the browser), and `Vary: Origin`.
 * A GET with no header of the page's own needs no preflight, so none is ever answered.
 */
export function allowTransportReads(
  allowed: readonly string[],
  isServerPort: ServerPorts,
): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const origin = c.req.header('origin')
    if (origin === undefined || c.req.method !== 'GET' || !TRANSPORT_PATHS.has(c.req.path)) {
      return next()
    }
    c.header('Vary', 'Origin')
    if (isAllowedOrigin(origin, c.req.header('host'), allowed, isServerPort)) {
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Credentials', 'true')
    }
    return next()
  }
}
