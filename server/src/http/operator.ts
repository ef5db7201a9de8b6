import { timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { ApiError } from './errors.ts'

/**
 * Whole-server actions (everyone's meter reset, and later the class's settings) need the operator
 * token printed at start, as `Authorization: Bearer <token>`: 401 without it, 403 with another.
 */
export function requireOperator(c: Context, token: string): void {
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1]
  if (given === undefined) {
    throw new ApiError(
      401,
      'unauthorized',
      'this acts on every client: send the operator token printed at start as "Authorization: Bearer <token>"',
    )
  }
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ApiError(403, 'forbidden', 'the operator token is not this server’s')
  }
}
