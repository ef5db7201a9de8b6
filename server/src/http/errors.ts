import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, ErrorCode } from '../protocol.ts'

/** An error a client caused (or must be told of), answered as `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } }
}

export function sendError(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message), error.status)
}
