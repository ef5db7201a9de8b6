import type { ServerResponse } from 'node:http'
import type { Context } from 'hono'
import type { SSEStreamingApi } from 'hono/streaming'
import type { AppEnv } from './app-env.ts'

/**
 * Resolves when a streaming response ends: the client left, or the server is shutting down. Its
 * listeners go with it, so a long-running server does not collect one per stream ever opened.
 */
export function whenClosed(stream: SSEStreamingApi, ...signals: StopSignal[]): Promise<void> {
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

/** What a held request listens to for a reason to stop waiting (an AbortSignal is one). */
export interface StopSignal {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/**
 * Stops a wait when the client's connection closes before the answer went out. It listens on
 * Node's response: `c.req.raw.signal` would build a whole web Request for each long poll, and an
 * AbortController for each would make an EventTarget, and an AbortError, per poll.
 */
export function clientGone(c: Context<AppEnv>): StopSignal {
  const outgoing = c.env?.outgoing
  return outgoing ? new ResponseClosed(outgoing) : c.req.raw.signal
}

/** A class, not an object literal with getters: one is made for every long poll. */
class ResponseClosed implements StopSignal {
  constructor(readonly outgoing: ServerResponse) {}

  get aborted(): boolean {
    return this.outgoing.destroyed && !this.outgoing.writableFinished
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.outgoing.on('close', listener)
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.outgoing.off('close', listener)
  }
}
