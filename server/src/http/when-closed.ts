import type { Context } from 'hono'
import type { SSEStreamingApi } from 'hono/streaming'
import type { AppEnv } from './app-env.ts'

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

/**
 * Aborted when the client's connection closes (after the answer too, harmlessly). It listens on
 * Node's response: `c.req.raw.signal` would build a whole web Request for each long poll.
 */
export function clientGone(c: Context<AppEnv>): AbortSignal {
  const outgoing = c.env?.outgoing
  if (!outgoing) return c.req.raw.signal
  const gone = new AbortController()
  outgoing.once('close', () => gone.abort())
  return gone.signal
}
