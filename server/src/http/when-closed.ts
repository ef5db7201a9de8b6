import type { SSEStreamingApi } from 'hono/streaming'

/**
 * Resolves when a streaming response ends: the client left, or the server is shutting down. Its
 * listeners go with it, so a long-running server does not collect one per stream ever opened.
 */
export function whenClosed(stream: SSEStreamingApi, ...signals: AbortSignal[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = () => {
      for (const signal of signals) signal.removeEventListener('abort', settle)
      resolve()
    }
    stream.onAbort(settle)
    for (const signal of signals) {
      if (signal.aborted) return settle()
      signal.addEventListener('abort', settle, { once: true })
    }
  })
}
