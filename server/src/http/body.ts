import type { Context } from 'hono'
import type { ZodError, ZodType } from 'zod'
import { ApiError } from './errors.ts'

/** One sentence for the first problem a schema found, naming the field. */
export function describeIssue(error: ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid input'
  const field = issue.path.join('.')
  return field ? `${field} ${issue.message}` : issue.message
}

/** Reads a JSON body (its size already capped by bodyLimit) and checks it against `schema`. */
export async function readJsonBody<T>(c: Context, schema: ZodType<T>): Promise<T> {
  const text = await c.req.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'bad_request', 'body is not valid JSON')
  }
  const result = schema.safeParse(json)
  if (!result.success) throw new ApiError(400, 'bad_request', describeIssue(result.error))
  return result.data
}
