import type { LabControls } from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import { apiUrl, arrivalClock, sleep, type TransportClient, type TransportSetup } from './client.ts'

/** How long to wait before opening a new EventSource when the browser gave up on the old one. */
const RESTART_MS = 2_000

/**
 * Server-Sent Events through the browser's EventSource: the browser itself reconnects after a
 * network error and sends `Last-Event-ID`, so the server resumes right after the last event. Only
 * when the browser gives up for good (an HTTP error) does this client open a new one.
 */
export class SseClient implements TransportClient {
  #setup: TransportSetup
  #source: EventSource | undefined
  #stopped = false

  constructor(setup: TransportSetup) {
    this.#setup = setup
  }

  start(): void {
    this.#setup.events.state('connecting')
    this.#open()
  }

  stop(): void {
    this.#stopped = true
    this.#source?.close()
    this.#setup.events.state('closed')
  }

  configure(controls: LabControls): void {
    this.#setup.controls = controls
  }

  #open(): void {
    const { base, room, client, cursor, events } = this.#setup
    // The URL carries the cursor of the first connection; reconnects carry Last-Event-ID instead.
    const source = new EventSource(base + apiUrl('/api/sse', { room, client, ...cursor.query() }), {
      withCredentials: base !== '',
    })
    this.#source = source
    // Each (re)connection's backlog comes first: older messages than this waited for it.
    let liveSince = arrivalClock()
    source.onopen = () => {
      liveSince = arrivalClock()
      events.state('open')
    }
    source.onerror = () => {
      if (this.#stopped) return
      events.state('reconnecting')
      if (source.readyState === EventSource.CLOSED) void this.#restart()
    }
    source.addEventListener('hello', (event) => {
      const { instance } = JSON.parse((event as MessageEvent<string>).data) as { instance?: string }
      if (instance) events.instance(instance)
    })
    source.addEventListener('message', (event) => {
      const arrivedAt = arrivalClock()
      const message = JSON.parse((event as MessageEvent<string>).data) as ChatMessage
      cursor.note({ epoch: epochOf((event as MessageEvent).lastEventId) ?? cursor.epoch ?? '' })
      for (const fresh of cursor.accept([message])) events.message(fresh, arrivedAt, liveSince)
    })
    for (const type of ['reset', 'gap'] as const) {
      source.addEventListener(type, (event) => {
        const { epoch } = JSON.parse((event as MessageEvent<string>).data) as { epoch: string }
        cursor.note({ epoch, [type]: true })
      })
    }
  }

  async #restart(): Promise<void> {
    await sleep(RESTART_MS)
    if (!this.#stopped) this.#open()
  }
}

function epochOf(lastEventId: string): string | undefined {
  const colon = lastEventId.lastIndexOf(':')
  return colon > 0 ? lastEventId.slice(0, colon) : undefined
}
