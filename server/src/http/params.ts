import type { Context } from 'hono'
import { type ZodType, z } from 'zod'
import type { Cursor } from '../feed/index.ts'
import { clientIdSchema, DEFAULT_ROOM, epochSchema, roomSchema } from '../protocol.ts'
import { ApiError } from './errors.ts'

/** A schema for an integer query parameter; out of range is an error, never clamped. */
export function intParam(min: number, max: number): ZodType<number, string> {
  return z
    .string()
    .regex(/^\d{1,16}$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
}

const sinceParam = intParam(0, Number.MAX_SAFE_INTEGER)

/** Parses one query parameter; a bad value is a 400 whose sentence names the parameter. */
export function param<T>(c: Context, name: string, schema: ZodType<T, string>, fallback: T): T {
  const raw = c.req.query(name)
  if (raw === undefined) return fallback
  return parseNamed(name, raw, schema)
}

export function parseNamed<T>(name: string, raw: string, schema: ZodType<T, string>): T {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw
  const rule = result.error.issues[0]?.message ?? 'is invalid'
  throw new ApiError(400, 'bad_request', `${name} ${rule} (got "${shown}")`)
}

export function queryRoom(c: Context): string {
  return param(c, 'room', roomSchema, DEFAULT_ROOM)
}

/** `since` and `epoch` from the query; no `since` means "from the start". */
export function queryCursor(c: Context): Cursor {
  const since = param(c, 'since', sinceParam, 0)
  const epoch = c.req.query('epoch')
  return epoch === undefined ? { since } : { since, epoch: parseNamed('epoch', epoch, epochSchema) }
}

/** The optional `client` id the wire meter reports per. */
export function queryClient(c: Context): string | undefined {
  return param<string | undefined>(c, 'client', clientIdSchema, undefined)
}
