import type { MiddlewareHandler } from 'hono'
import { SOCKETIO_PATH } from '../protocol.ts'
import type { AppEnv } from './app-env.ts'
import { isAllowedOrigin, type ServerPorts } from './origin.ts'

/** The HTTP transports: what a page reads through a shaping proxy, another origin (its port). */
const TRANSPORT_PATHS = new Set(['/api/poll', '/api/longpoll', '/api/sse'])
const isTransportRead = (method: string, path: string) =>
  (method === 'GET' && TRANSPORT_PATHS.has(path)) ||
  // Engine.IO's long polling: GETs, and text/plain POSTs (no preflight either).
  ((method === 'GET' || method === 'POST') && path.startsWith(SOCKETIO_PATH))

/**
 * A page routes a shaped transport through a proxy port: the answers come from another origin,
 * and the browser shows them to the page only with CORS. They carry it for allowed origins only
 * (origin.ts): the exact origin, never `*`, with credentials, so the `wirelab_token` cookie goes
 * along (a `*` answer to a request with credentials is refused by the browser), and `Vary: Origin`.
 * A GET with no header of the page's own needs no preflight, nor does Engine.IO's text/plain POST,
 * so none is ever answered.
 */
export function allowTransportReads(
  allowed: readonly string[],
  isServerPort: ServerPorts,
): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const origin = c.req.header('origin')
    if (origin === undefined || !isTransportRead(c.req.method, c.req.path)) return next()
    // Engine.IO writes its answers on Node's response itself, keeping what was set there.
    const outgoing = c.req.path.startsWith(SOCKETIO_PATH) ? c.env?.outgoing : undefined
    const header = (name: string, value: string) => {
      c.header(name, value)
      outgoing?.setHeader(name, value)
    }
    header('Vary', 'Origin')
    if (isAllowedOrigin(origin, c.req.header('host'), allowed, isServerPort)) {
      header('Access-Control-Allow-Origin', origin)
      header('Access-Control-Allow-Credentials', 'true')
    }
    return next()
  }
}
