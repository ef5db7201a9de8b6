import type { MiddlewareHandler } from 'hono'
import { categoryOf } from '../wire/classify.ts'
import type { MeterOwner, WireMeter } from '../wire/meter.ts'
import type { AppEnv } from './app-env.ts'
import { queryClient } from './params.ts'

/**
 * Gives each request's socket to the meter under the right category and client. Requests served
 * without a socket (app.request in tests) still get an owner, so handlers can count messages.
 */
export function meterRequests(meter: WireMeter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const category = categoryOf(c.req.method, c.req.path)
    let owner: MeterOwner = { category }
    let badClient: unknown
    try {
      owner = { category, client: queryClient(c) }
    } catch (error) {
      badClient = error
    }
    c.set('meterOwner', owner)
    const socket = c.env?.incoming?.socket
    if (socket) {
      meter.claim(socket, owner)
      c.env.outgoing?.once('finish', () => meter.release(socket))
    }
    if (badClient) throw badClient
    await next()
  }
}
