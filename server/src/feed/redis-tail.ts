import type { Message } from '../protocol.ts'
import type { FeedBreak, FeedListener } from './feed.ts'
import { type Entry, type Published, publishedMessage } from './redis-entries.ts'

/** A catch-up that failed (Redis out of reach) is tried again after this long. */
const CATCH_UP_RETRY_MS = 500

export interface TailSource {
  /** The room's log after a seq: epoch, head, entries retained, the entries. */
  catchUp(after: number): Promise<[string, number, number, Entry[]]>
  toMessage(entry: Entry): Message
  onListenerError(error: unknown): void
  /** From a message's append (its ts) to its arrival here, in ms. */
  onLag(ms: number): void
}

/**
 * One room's live delivery in one instance: the messages Redis publishes, handed to the room's
 * listeners once each and in seq order, with no hole. It knows the last seq it delivered; a
 * published message that is not the next one, or a subscription that was lost and is back, sends it
 * to the Stream for what it missed first. Messages that come meanwhile wait their turn.
 */
export class RoomTail {
  readonly #listeners = new Map<FeedListener, FeedBreak | undefined>()
  #epoch = ''
  #lastSeq = 0
  /** Published messages that came while the tail was reading the Stream. */
  #waiting: Published[] | undefined = []
  ready: Promise<void> = Promise.resolve()
  #lingering: NodeJS.Timeout | undefined
  #retry: NodeJS.Timeout | undefined

  constructor(
    readonly room: string,
    readonly source: TailSource,
  ) {}

  get size(): number {
    return this.#listeners.size
  }

  /** Starts from the head the subscription saw: every later message is delivered. */
  open(subscribed: Promise<{ epoch: string; head: number }>): void {
    this.ready = subscribed.then(({ epoch, head }) => {
      this.#epoch = epoch
      this.#lastSeq = head
      this.#drainWaiting()
    })
  }

  add(listener: FeedListener, onBreak: FeedBreak | undefined): void {
    clearTimeout(this.#lingering)
    this.#listeners.set(listener, onBreak)
  }

  /** With no listener left: `letGo` after `ms`, unless one comes back before. */
  linger(ms: number, letGo: () => void): void {
    clearTimeout(this.#lingering)
    this.#lingering = setTimeout(() => {
      if (this.#listeners.size === 0) letGo()
    }, ms)
    this.#lingering.unref()
  }

  /** True when the room has no listener left here. */
  remove(listener: FeedListener): boolean {
    this.#listeners.delete(listener)
    return this.#listeners.size === 0
  }

  receive(published: Published): void {
    if (this.#waiting) this.#waiting.push(published)
    else this.#take(published)
  }

  /** Reads what this instance missed from the Stream; what is published meanwhile waits. */
  async catchUp(): Promise<void> {
    if (this.#waiting) return
    this.#waiting = []
    try {
      const [epoch, head, retained, entries] = await this.source.catchUp(this.#lastSeq)
      if (epoch !== this.#epoch) {
        this.#restart(epoch, head, 'the message store lost its log (a new epoch)')
      } else if (head - retained + 1 > this.#lastSeq + 1) {
        this.#restart(epoch, head, 'retention dropped messages this server had not delivered yet')
      } else {
        for (const entry of entries) this.#deliver(this.source.toMessage(entry))
      }
    } catch {
      // Redis is out of reach (again, or its command connection is not back yet): try again soon,
      // or a quiet room would wait for its next message to get what it missed.
      clearTimeout(this.#retry)
      this.#retry = setTimeout(() => void this.catchUp(), CATCH_UP_RETRY_MS)
      this.#retry.unref()
    }
    this.#drainWaiting()
  }

  /** Let go by its instance: no retry left behind. */
  close(): void {
    clearTimeout(this.#retry)
    clearTimeout(this.#lingering)
  }

  #drainWaiting(): void {
    const waiting = this.#waiting ?? []
    this.#waiting = undefined
    for (const published of waiting) this.#take(published)
  }

  #take(published: Published): void {
    if (published.epoch !== this.#epoch) {
      this.#restart(published.epoch, published.seq, 'the message store lost its log (a new epoch)')
      return
    }
    if (published.seq <= this.#lastSeq) return
    if (published.seq > this.#lastSeq + 1) {
      // A hole: what is missing comes from the Stream, this message with it.
      void this.catchUp()
      return
    }
    this.source.onLag(Date.now() - Number(published.ts))
    this.#deliver(publishedMessage(this.room, published))
  }

  #deliver(message: Message): void {
    if (message.seq <= this.#lastSeq) return
    this.#lastSeq = message.seq
    for (const listener of [...this.#listeners.keys()]) {
      try {
        listener(message)
      } catch (error) {
        this.source.onListenerError(error)
      }
    }
  }

  /** The room cannot go on without a hole: every listener is told, and the tail starts over. */
  #restart(epoch: string, head: number, reason: string): void {
    this.#epoch = epoch
    this.#lastSeq = head
    for (const onBreak of [...this.#listeners.values()]) onBreak?.(reason)
  }
}
