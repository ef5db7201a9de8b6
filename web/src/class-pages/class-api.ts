import type { ErrorBody } from '../../../server/src/protocol.ts'

/** A refused or failed request: `status` 0 when the server did not answer at all. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** GETs JSON from the server; anything but a 2xx is an ApiError with the server's sentence. */
export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { method: 'GET' })
}

/** POSTs a JSON body (the server refuses any other content type); a 204 gives null. */
export function postJson<T>(path: string, body: unknown = {}): Promise<T | null> {
  return request<T | null>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { ...init, signal: AbortSignal.timeout(10_000) })
  } catch (error) {
    throw new ApiError(0, 'offline', error instanceof Error ? error.message : String(error))
  }
  if (response.status === 204) return null as T
  const text = await response.text()
  if (response.ok) return JSON.parse(text) as T
  throw new ApiError(response.status, ...errorOf(text, response.statusText))
}

/** The `{error: {code, message}}` of a refusal, or the raw text when it is not one. */
function errorOf(text: string, statusText: string): [string, string] {
  try {
    const { error } = JSON.parse(text) as Partial<ErrorBody>
    if (error && typeof error.code === 'string') return [error.code, error.message]
  } catch {
    // Not JSON (a proxy's page, say): its text is the best sentence there is.
  }
  return ['unknown', text.trim() || statusText]
}
