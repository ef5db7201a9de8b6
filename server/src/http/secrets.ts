import { timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'

/** The token of `Authorization: Bearer <token>`, if the request has one. */
export function bearerOf(c: Context): string | undefined {
  return /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1]
}

/** Compares a secret in constant time: how long it takes tells nothing of where it differs. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
