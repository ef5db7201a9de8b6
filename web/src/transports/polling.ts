import type { LabControls } from '../lab-source.ts'
import { apiUrl, sleep } from './client.ts'
import { RequestLoopClient } from './request-loop.ts'

/**
 * Short polling, as a browser does it: ask `GET /api/poll` with the cursor, wait the interval, ask
 * again. A failed request changes nothing but the state: the next one carries the same cursor.
 */
export class PollingClient extends RequestLoopClient {
  #wake = new AbortController()

  configure(controls: LabControls): void {
    const changed = controls.pollIntervalMs !== this.setup.controls.pollIntervalMs
    this.setup.controls = controls
    if (changed) this.#wake.abort() // poll now, then at the new interval
  }

  protected async loop(): Promise<void> {
    const { room, client, cursor } = this.setup
    while (!this.stopped.signal.aborted) {
      try {
        const url = apiUrl('/api/poll', { room, client, ...cursor.query() })
        const batch = await this.fetchAndDeliver(url, this.stopped.signal)
        // A full page and more waiting: ask again at once.
        if (batch.messages.length > 0 && batch.head > cursor.since) continue
      } catch {
        if (this.stopped.signal.aborted) return
        this.failed()
      }
      this.#wake = new AbortController()
      await sleep(
        this.setup.controls.pollIntervalMs,
        AbortSignal.any([this.stopped.signal, this.#wake.signal]),
      )
    }
  }
}
