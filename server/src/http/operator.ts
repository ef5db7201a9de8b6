import type { Context } from 'hono'
import { ApiError } from './errors.ts'
import { bearerOf, sameSecret } from './secrets.ts'

/**
 * Whole-server actions (everyone's meter reset, and later the class's settings) need the operator
 * token printed at start, as `Authorization: Bearer <token>`: 401 without it, 403 with another.
 */
export function requireOperator(c: Context, token: string): void {
  const given = bearerOf(c)
  if (given === undefined) {
    throw new ApiError(
      401,
      'unauthorized',
      'this acts on every client: send the operator token printed at start as "Authorization: Bearer <token>"',
    )
  }
  if (!sameSecret(given, token)) {
    throw new ApiError(403, 'forbidden', 'the operator token is not this server’s')
  }
}
