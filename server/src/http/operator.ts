import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { ApiError } from './errors.ts'
import { bearerOf, sameSecret } from './secrets.ts'

/** The cookie the class dashboard's link `/class?operator=TOKEN` leaves in the instructor's browser. */
export const OPERATOR_COOKIE = 'wirelab_operator'

/** The operator token a request carries: `Authorization: Bearer`, or the dashboard's cookie. */
export function operatorTokenOf(c: Context): string | undefined {
  return bearerOf(c) ?? getCookie(c, OPERATOR_COOKIE)
}

/** True when the request carries the operator token. */
export function isOperator(c: Context, token: string): boolean {
  return sameSecret(operatorTokenOf(c), token)
}

/**
 * Whole-server actions (everyone's meter reset, the class's settings) need the operator token
 * printed at start, as `Authorization: Bearer <token>` (or the class dashboard's cookie): 401
 * without it, 403 with another.
 */
export function requireOperator(c: Context, token: string): void {
  const given = operatorTokenOf(c)
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
