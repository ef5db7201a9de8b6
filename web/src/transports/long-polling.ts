import type { LabControls } from '../lab-source.ts'
import { apiUrl, backoffDelay, sleep } from './client.ts'
import { RequestLoopClient } from './request-loop.ts'

/**
 * Long polling: `GET /api/longpoll` is held by the server until there is news or the timeout, and
 * the client asks again at once. After a failure it waits (backoff) before asking again.
 */
export class LongPollingClient extends RequestLoopClient {
  #request = new AbortController()

  configure(controls: LabControls): void {
    const changed = controls.longPollTimeoutMs !== this.setup.controls.longPollTimeoutMs
    this.setup.controls = controls
    // The held request still has the old timeout: ask again with the new one.
    if (changed) this.#request.abort()
  }

  protected async loop(): Promise<void> {
    const { room, client, cursor, events } = this.setup
    let failures = 0
    while (!this.stopped.signal.aborted) {
      this.#request = new AbortController()
      const signal = AbortSignal.any([this.stopped.signal, this.#request.signal])
      try {
        const timeout = String(this.setup.controls.longPollTimeoutMs)
        // A held request is the open state of long polling: the server has it and will answer.
        events.state(failures > 0 ? 'reconnecting' : 'open')
        await this.fetchAndDeliver(
          apiUrl('/api/longpoll', { room, client, timeout, ...cursor.query() }),
          signal,
        )
        failures = 0
      } catch {
        if (this.stopped.signal.aborted) return
        if (this.#request.signal.aborted) continue // asked to start over, not a failure
        const retryInMs = backoffDelay(failures++)
        this.failed(retryInMs)
        await sleep(retryInMs, this.stopped.signal)
      }
    }
  }
}
