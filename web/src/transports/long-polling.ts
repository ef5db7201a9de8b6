import type { Batch } from '../../../server/src/protocol.ts'
import type { LabControls } from '../lab-source.ts'
import {
  apiUrl,
  arrivalClock,
  backoffDelay,
  sleep,
  type TransportClient,
  type TransportSetup,
} from './client.ts'

/**
 * Long polling: `GET /api/longpoll` is held by the server until there is news or the timeout, and
 * the client asks again at once. After a failure it waits (backoff) before asking again.
 */
export class LongPollingClient implements TransportClient {
  #setup: TransportSetup
  #stop = new AbortController()
  #request = new AbortController()

  constructor(setup: TransportSetup) {
    this.#setup = setup
  }

  start(): void {
    this.#setup.events.state('connecting')
    void this.#loop()
  }

  stop(): void {
    this.#stop.abort()
    this.#setup.events.state('closed')
  }

  configure(controls: LabControls): void {
    const changed = controls.longPollTimeoutMs !== this.#setup.controls.longPollTimeoutMs
    this.#setup.controls = controls
    // The held request still has the old timeout: ask again with the new one.
    if (changed) this.#request.abort()
  }

  async #loop(): Promise<void> {
    const { room, client, cursor, events } = this.#setup
    let failures = 0
    while (!this.#stop.signal.aborted) {
      this.#request = new AbortController()
      const signal = AbortSignal.any([this.#stop.signal, this.#request.signal])
      try {
        const timeout = String(this.#setup.controls.longPollTimeoutMs)
        const url = apiUrl('/api/longpoll', { room, client, timeout, ...cursor.query() })
        events.state(failures > 0 ? 'reconnecting' : 'open')
        const response = await fetch(url, { signal, cache: 'no-store' })
        if (!response.ok) throw new Error(`long poll answered ${response.status}`)
        const batch = (await response.json()) as Batch
        const arrivedAt = arrivalClock()
        failures = 0
        events.state('open')
        cursor.note(batch)
        for (const message of cursor.accept(batch.messages)) events.message(message, arrivedAt)
      } catch {
        if (this.#stop.signal.aborted) return
        if (this.#request.signal.aborted) continue // asked to start over, not a failure
        events.state('reconnecting')
        await sleep(backoffDelay(failures++), this.#stop.signal)
      }
    }
  }
}
