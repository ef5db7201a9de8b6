import { type Batch, INSTANCE_HEADER } from '../../../server/src/protocol.ts'
import type { LabControls } from '../lab-source.ts'
import { arrivalClock, type TransportClient, type TransportSetup } from './client.ts'

/**
 * What polling and long polling share: a loop of GET requests that each answer a Batch, started
 * and stopped as a whole. Subclasses say how the loop paces itself.
 */
export abstract class RequestLoopClient implements TransportClient {
  protected readonly setup: TransportSetup
  protected readonly stopped = new AbortController()
  /** Send time of the first request since the start or the last failure. */
  #liveSince: number | undefined

  constructor(setup: TransportSetup) {
    this.setup = setup
  }

  start(): void {
    this.setup.events.state('connecting')
    void this.loop()
  }

  stop(): void {
    this.stopped.abort()
    this.setup.events.state('closed')
  }

  abstract configure(controls: LabControls): void

  protected abstract loop(): Promise<void>

  /** One request: the batch's news moves the cursor, its new messages go to the page. */
  protected async fetchAndDeliver(url: string, signal: AbortSignal): Promise<Batch> {
    const liveSince = this.#liveSince ?? arrivalClock()
    // Through a proxy the server is another origin: 'include' sends the token's cookie there too.
    const response = await fetch(this.setup.base + url, {
      signal,
      cache: 'no-store',
      credentials: 'include',
    })
    if (!response.ok) throw new Error(`${url.split('?')[0]} answered ${response.status}`)
    const batch = (await response.json()) as Batch
    const arrivedAt = arrivalClock()
    this.#liveSince = liveSince
    const { cursor, events } = this.setup
    events.state('open')
    const instance = response.headers.get(INSTANCE_HEADER)
    if (instance) events.instance(instance)
    cursor.note(batch)
    for (const message of cursor.accept(batch.messages)) {
      events.message(message, arrivedAt, liveSince)
    }
    return batch
  }

  /** A request failed: what the next one brings first waited during the outage. */
  protected failed(retryInMs?: number): void {
    this.#liveSince = undefined
    this.setup.events.state('reconnecting', retryInMs)
  }
}
