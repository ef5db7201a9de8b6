import type { SSEStreamingApi } from 'hono/streaming'

/** Resolves when a streaming response ends: the client left, or the server is shutting down. */
export function whenClosed(stream: SSEStreamingApi, ...signals: AbortSignal[]): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.onAbort(resolve)
    for (const signal of signals) {
      if (signal.aborted) resolve()
      signal.addEventListener('abort', () => resolve(), { once: true })
    }
  })
}
