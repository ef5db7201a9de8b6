import type { MiddlewareHandler } from 'hono'
import { SOCKETIO_PATH } from '../protocol.ts'
import type { AppEnv } from './app-env.ts'
import { ApiError } from './errors.ts'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** True for a port this server answers on (its own, its shaping proxies'). */
export type ServerPorts = (port: number) => boolean

/**
 * Whether a browser page from `origin` may open a WebSocket, change state here, or read a
 * transport's answer across origins (CORS): the server's own origin (the page it serves, whatever
 * address the class uses) — also when the request came through one of its shaping proxies, whose
 * port differs —, any page on this machine (localhost, e.g. Vite's dev server), and the origins
 * given with `--allow-origin`. No `Origin` at all is not a browser page (curl, the labs' tools):
 * allowed. Seeds 004: check the Origin.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
  isServerPort?: ServerPorts,
): boolean {
  if (origin === undefined) return true
  if (allowed.includes(origin)) return true
  // "null" (a sandboxed page, a file://) and anything else that is no URL.
  if (!URL.canParse(origin)) return false
  const url = new URL(origin)
  if (url.host === host || LOOPBACK.has(url.hostname)) return true
  if (!isServerPort || host === undefined || !URL.canParse(`${url.protocol}//${host}`)) return false
  const target = new URL(`${url.protocol}//${host}`)
  return (
    target.hostname === url.hostname && isServerPort(portOf(url)) && isServerPort(portOf(target))
  )
}

function portOf(url: URL): number {
  if (url.port) return Number(url.port)
  return url.protocol === 'https:' ? 443 : 80
}

export function refuseOrigin(origin: string): ApiError {
  return new ApiError(
    403,
    'forbidden',
    `pages from ${origin.slice(0, 100)} may not use this server; start it with --allow-origin ${origin.slice(0, 100)} to let them`,
  )
}

/**
 * A browser can be made to send a request to this server from any page (a form, a `no-cors`
 * fetch): so every request that changes state (all POSTs here) must come from an allowed origin
 * and carry `Content-Type: application/json`, which no form can send and which makes a
 * cross-origin fetch ask first (CORS preflight, refused: the server sends no CORS headers).
 */
export function guardStateChanges(
  allowed: readonly string[],
  isServerPort?: ServerPorts,
): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (c.req.method !== 'POST') return next()
    const origin = c.req.header('origin')
    if (!isAllowedOrigin(origin, c.req.header('host'), allowed, isServerPort)) {
      throw refuseOrigin(origin ?? '')
    }
    // Engine.IO posts text/plain; its POSTs need the session id of a handshake, which only a page
    // allowed to read the answer (this origin) has, so a form cannot make one count.
    if (c.req.path.startsWith(SOCKETIO_PATH)) return next()
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError(
        415,
        'unsupported',
        `a POST here needs Content-Type: application/json (got ${type ? `"${type.slice(0, 60)}"` : 'none'})`,
      )
    }
    return next()
  }
}
