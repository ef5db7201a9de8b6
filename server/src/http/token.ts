import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { SOCKETIO_PATH } from '../protocol.ts'
import type { AppEnv } from './app-env.ts'
import { ApiError } from './errors.ts'
import { bearerOf, sameSecret } from './secrets.ts'
import { isUpgradeRequest, WS_PATH } from './upgrades.ts'

/** The cookie a page link with `?token=` leaves, so the page's own requests carry the token. */
export const TOKEN_COOKIE = 'wirelab_token'

/** Socket.IO requests that carried the server's token (header, `?token=` or cookie). */
const carriedToken = new WeakSet<IncomingMessage>()

/** True when this Socket.IO request carried the server's `--token`. */
export function carriesToken(request: IncomingMessage): boolean {
  return carriedToken.has(request)
}

/** What a token guards: every transport and the lab's API; not the page, its assets, the clock. */
export function guarded(path: string): boolean {
  if (path === WS_PATH || path === '/metrics') return true
  return path.startsWith('/api/') && path !== '/api/time'
}

/** The token a request carries: `Authorization: Bearer`, `?token=`, or the page's cookie. */
function tokenOf(c: Context<AppEnv>): string | undefined {
  return bearerOf(c) ?? c.req.query('token') ?? getCookie(c, TOKEN_COOKIE)
}

/**
 * `--token T` (seeds 004: authenticate at the handshake): every transport needs it, as
 * `Authorization: Bearer T`, `?token=T` (what EventSource and a browser WebSocket can send), or the
 * cookie that opening the page with `?token=T` sets. HTTP requests without it get 401; a WebSocket
 * is opened and closed at once with 1008, so that the page's script can read why.
 */
export function requireToken(token: string | undefined): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (token === undefined) return next()
    const given = tokenOf(c)
    const valid = sameSecret(given, token)
    if (c.req.path.startsWith(SOCKETIO_PATH)) {
      // Socket.IO asks at its namespace's handshake, where the page can read the refusal.
      if (valid && c.env?.incoming) carriedToken.add(c.env.incoming)
      return next()
    }
    if (!guarded(c.req.path)) {
      // The page link: its own requests will carry the token in a cookie, not in every URL.
      if (!valid || c.req.query('token') === undefined) return next()
      return next().then(() => {
        setCookie(c, TOKEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict' })
      })
    }
    if (valid) return next()
    if (c.req.path === WS_PATH && isUpgradeRequest(c)) {
      c.set('refused', 'this server wants its token: ?token=<token>')
      return next()
    }
    throw new ApiError(
      401,
      'unauthorized',
      given === undefined
        ? 'this server wants its token: Authorization: Bearer <token>, or ?token=<token>'
        : 'this token is not the server’s',
    )
  }
}
