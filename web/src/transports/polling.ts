import type { Batch } from '../../../server/src/protocol.ts'
import type { LabControls } from '../lab-source.ts'
import { apiUrl, arrivalClock, sleep, type TransportClient, type TransportSetup } from './client.ts'

/**
 * Short polling, as a browser does it: ask `GET /api/poll` with the cursor, wait the interval, ask
 * again. A failed request changes nothing but the state: the next one carries the same cursor.
 */
export class PollingClient implements TransportClient {
  #setup: TransportSetup
  #stop = new AbortController()
  #wake = new AbortController()

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
    const changed = controls.pollIntervalMs !== this.#setup.controls.pollIntervalMs
    this.#setup.controls = controls
    if (changed) this.#wake.abort() // poll now, then at the new interval
  }

  async #loop(): Promise<void> {
    const { room, client, cursor, events } = this.#setup
    while (!this.#stop.signal.aborted) {
      try {
        const url = apiUrl('/api/poll', { room, client, ...cursor.query() })
        const response = await fetch(url, { signal: this.#stop.signal, cache: 'no-store' })
        if (!response.ok) throw new Error(`poll answered ${response.status}`)
        const batch = (await response.json()) as Batch
        const arrivedAt = arrivalClock()
        cursor.note(batch)
        events.state('open')
        for (const message of cursor.accept(batch.messages)) events.message(message, arrivedAt)
        // More than one page waiting: ask again at once.
        if (batch.messages.length > 0 && batch.head > cursor.since) continue
      } catch {
        if (this.#stop.signal.aborted) return
        events.state('reconnecting')
      }
      this.#wake = new AbortController()
      await sleep(
        this.#setup.controls.pollIntervalMs,
        AbortSignal.any([this.#stop.signal, this.#wake.signal]),
      )
    }
  }
}
