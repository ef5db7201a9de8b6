import type { SendRequest } from './send-error.ts'

/** Sends one message and resolves with the seq the server gave it; rejects with why it failed. */
export type Sender = (request: SendRequest) => Promise<{ seq: number }>

/** `queued`: waits its turn; `sending`: the one in flight; `failed`: the outbox stopped here. */
export type OutboxState = 'queued' | 'sending' | 'failed'

/** One message of the outbox, as a view shows it. */
export interface OutboxItem {
  readonly request: SendRequest
  readonly state: OutboxState
  /** Why the last try failed (a `SendError` from a well-behaved sender); only when `failed`. */
  readonly error?: unknown
}

export interface OutboxEvents {
  /** The list changed: an item was added, started, failed or left. */
  changed?(items: readonly OutboxItem[]): void
  /** The server took the message; it has already left the list. */
  sent?(request: SendRequest, seq: number): void
}

/**
 * The messages a person typed, sent one at a time in the order they were typed. A failure stops
 * the outbox at that message, and the ones behind it wait: sending them would change their order
 * in the room. Retry sends the same request again, same clientMsgId, so the server's idempotency
 * makes a retry of a message that did arrive (its answer was lost) a repeat, never a duplicate.
 */
export class Outbox {
  #items: OutboxItem[] = []
  #sender: Sender | undefined
  #events: OutboxEvents
  #busy = false

  constructor(events: OutboxEvents = {}, sender?: Sender) {
    this.#events = events
    this.#sender = sender
  }

  /** Messages added before there is a sender wait for one (the page may wire it after boot). */
  set sender(sender: Sender | undefined) {
    this.#sender = sender
    void this.#pump()
  }

  get sender(): Sender | undefined {
    return this.#sender
  }

  /** Oldest first: the one being sent (or that failed), then the ones waiting behind it. */
  get items(): readonly OutboxItem[] {
    return this.#items
  }

  add(request: SendRequest): void {
    if (this.#items.some((item) => item.request.clientMsgId === request.clientMsgId)) {
      throw new Error(`clientMsgId "${request.clientMsgId}" is already in the outbox`)
    }
    this.#items = [...this.#items, { request, state: 'queued' }]
    this.#changed()
    void this.#pump()
  }

  /** Sends the failed message again, unchanged. Does nothing for an id that has not failed. */
  retry(clientMsgId: string): void {
    const index = this.#items.findIndex(
      (item) => item.request.clientMsgId === clientMsgId && item.state === 'failed',
    )
    const failed = this.#items[index]
    if (!failed) return
    this.#items = this.#items.with(index, { request: failed.request, state: 'queued' })
    this.#changed()
    void this.#pump()
  }

  /** Drops a message that is not in flight; the ones behind it move on. */
  discard(clientMsgId: string): void {
    const before = this.#items.length
    this.#items = this.#items.filter(
      (item) => item.request.clientMsgId !== clientMsgId || item.state === 'sending',
    )
    if (this.#items.length === before) return
    this.#changed()
    void this.#pump()
  }

  async #pump(): Promise<void> {
    // One send at a time: this flag, not the item's state, guards the loop, so a retry or a new
    // message added while a send is in flight cannot start a second loop.
    if (this.#busy) return
    this.#busy = true
    try {
      for (;;) {
        const head = this.#items[0]
        const sender = this.#sender
        if (head?.state !== 'queued' || !sender) return
        const { request } = head
        this.#setHead({ request, state: 'sending' })
        try {
          const { seq } = await sender(request)
          this.#items = this.#items.slice(1)
          this.#changed()
          this.#events.sent?.(request, seq)
        } catch (error) {
          this.#setHead({ request, state: 'failed', error })
        }
      }
    } finally {
      this.#busy = false
    }
  }

  #setHead(item: OutboxItem): void {
    this.#items = [item, ...this.#items.slice(1)]
    this.#changed()
  }

  #changed(): void {
    this.#events.changed?.(this.#items)
  }
}
