/** A request's answer and how long it took, whole body read. */
export interface Timed {
  status: number
  body: string
  ms: number
  headers: Headers
}

const REQUEST_TIMEOUT_MS = 30_000

/** One request with fetch, timed from the call until its body is read. */
export async function timedFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Timed> {
  const started = performance.now()
  const response = await fetch(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...init.headers,
      ...(init.json !== undefined && { 'content-type': 'application/json' }),
    },
    ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  // Read whole: an unread body keeps fetch's connection busy.
  const body = await response.text()
  return {
    status: response.status,
    body,
    ms: performance.now() - started,
    headers: response.headers,
  }
}

/** A Timed whose status is not `expected` becomes an error that says which request it was. */
export function expectStatus(what: string, answer: Timed, ...expected: number[]): Timed {
  if (!expected.includes(answer.status))
    throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`)
  return answer
}
