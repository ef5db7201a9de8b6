import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Context, MiddlewareHandler } from 'hono'
import { SOCKETIO_PATH } from '../protocol.ts'
import type { AppEnv } from './app-env.ts'
import { ApiError, errorBody } from './errors.ts'
import { isAllowedOrigin, refuseOrigin, type ServerPorts } from './origin.ts'

/** The one route that upgrades to WebSocket. */
export const WS_PATH = '/ws'

/**
 * Routes whose GET never ends by itself (a stream, a held request, a socket): a HEAD would get the
 * head at once while the handler ran on with nobody to tell it the client left. They answer 405.
 */
const LONG_LIVED_GETS = new Set(['/api/sse', '/api/longpoll', '/api/lab/stats', WS_PATH])

/**
 * True for a request that came through the HTTP server's `upgrade` event: @hono/node-server hands
 * it to the app with no response object, ignores any body the app answers, and gives the app a
 * `Request` that is always a GET without an abort signal.
 */
export function isUpgradeRequest(c: Context<AppEnv>): boolean {
  return c.env?.incoming !== undefined && c.env.outgoing === undefined
}

/** Writes a whole HTTP response on a raw socket, then closes it (it carries nothing else). */
export async function answerOnSocket(
  socket: Duplex,
  status: number,
  body: string,
  headers: Iterable<[string, string]> = [],
): Promise<void> {
  if (socket.destroyed) return
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    ...[...headers]
      .filter(([name]) => !/^(connection|content-length|transfer-encoding)$/i.test(name))
      .map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ]
  await new Promise<void>((resolve) => socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, resolve))
  socket.destroy()
}

function jsonError(error: ApiError): string {
  return JSON.stringify(errorBody(error.code, error.message))
}

/**
 * Odd requests get a clear answer and leave nothing running:
 * - an upgrade to anything but `GET /ws` or Socket.IO's `/socket.io/` is refused, with a JSON body written on the socket
 *   (@hono/node-server would send the status alone), and so is a `/ws` upgrade the route refused
 *   or whose page comes from an origin that may not use the server (403, see origin.ts);
 * - `Upgrade: websocket` on `/ws` without `Connection: Upgrade` is a malformed handshake (400);
 * - HEAD on a long-lived GET is 405.
 * The `/ws` and Socket.IO routes set `wsAccepted` once they take the upgrade.
 */
export function guardOddRequests(
  allowedOrigins: readonly string[],
  isServerPort?: ServerPorts,
): MiddlewareHandler<AppEnv> {
  // Not async on the common path: an extra await would delay every response by a tick, and an
  // SSE stream's first write would then run before its head is on the wire.
  return (c, next) => {
    if (isUpgradeRequest(c)) return answerUpgrade(c, next, allowedOrigins, isServerPort)
    const path = c.req.path
    if (c.req.method === 'HEAD' && LONG_LIVED_GETS.has(path)) {
      c.header('Allow', 'GET')
      throw new ApiError(
        405,
        'method_not_allowed',
        `HEAD ${path} is not answered: its GET is a stream or a held request; use GET`,
      )
    }
    if (path === WS_PATH && c.req.header('upgrade')?.toLowerCase() === 'websocket') {
      throw new ApiError(
        400,
        'bad_request',
        'a WebSocket handshake needs "Connection: Upgrade" as well as "Upgrade: websocket"',
      )
    }
    return next()
  }
}

async function answerUpgrade(
  c: Context<AppEnv>,
  next: () => Promise<void>,
  allowedOrigins: readonly string[],
  isServerPort?: ServerPorts,
): Promise<Response | undefined> {
  const path = c.req.path
  const socket = c.env?.incoming?.socket as Duplex
  const method = c.env?.incoming?.method ?? 'GET'
  const refusal =
    path !== WS_PATH && !path.startsWith(SOCKETIO_PATH)
      ? new ApiError(
          400,
          'unsupported',
          `${method} ${path} is plain HTTP: only GET ${WS_PATH} and Socket.IO's ${SOCKETIO_PATH} upgrade to WebSocket`,
        )
      : method !== 'GET'
        ? new ApiError(405, 'method_not_allowed', `a WebSocket handshake is a GET, not ${method}`)
        : !isAllowedOrigin(
              c.req.header('origin'),
              c.req.header('host'),
              allowedOrigins,
              isServerPort,
            )
          ? refuseOrigin(c.req.header('origin') ?? '')
          : undefined
  if (refusal) {
    const allow: [string, string][] = refusal.status === 405 ? [['Allow', 'GET']] : []
    await answerOnSocket(socket, refusal.status, jsonError(refusal), [
      ['Content-Type', 'application/json'],
      ...allow,
    ])
    return c.body(null, refusal.status)
  }
  await next()
  if (c.get('wsAccepted')) return
  // The route refused (a bad room or cursor, …): its JSON answer goes on the socket as it is.
  await answerOnSocket(socket, c.res.status, await c.res.clone().text(), c.res.headers)
}

type UpgradeFetch = (request: Request, env: AppEnv['Bindings']) => Response | Promise<Response>

/**
 * Hands every upgrade request of `server` to the app (`fetch`) the way @hono/node-server does for
 * its `websocket` option: `c.env.incoming` is the request, `c.env.outgoing` undefined. The `/ws`
 * and Socket.IO routes take their sockets themselves; guardOddRequests answers every refusal on the
 * socket. Done here rather than by the adapter, whose listener leaves two closures over each
 * request on its socket until the socket closes: about 2 KiB held for as long as a WebSocket lives.
 * A handshake whose `Host` is no host (it cannot become a URL) gets a 400 with a JSON body.
 */
export function routeUpgradesThroughApp(server: Server, fetch: UpgradeFetch): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    // Until a route takes the socket (ws then listens for its errors) or it is answered.
    socket.on('error', ignoreSocketError)
    const host = request.headers.host ?? 'localhost'
    if (!URL.canParse(`http://${host}/`)) {
      const error = new ApiError(400, 'bad_request', 'the Host header is not a host[:port]')
      void answerOnSocket(socket, 400, jsonError(error), [['Content-Type', 'application/json']])
      return
    }
    const env = { incoming: request, outgoing: undefined }
    Promise.resolve(fetch(upgradeRequest(request, host), env)).catch((error: unknown) => {
      console.error('upgrade handler failed:', error)
      socket.destroy()
    })
  })
}

function ignoreSocketError(): void {}

/** The web `Request` of an upgrade: a GET with the handshake's headers (a header twice: its first). */
function upgradeRequest(request: IncomingMessage, host: string): Request {
  const scheme = (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    const first = Array.isArray(value) ? value[0] : value
    if (first) headers.append(name, first)
  }
  return new Request(new URL(request.url ?? '/', `${scheme}://${host}`), { headers })
}
