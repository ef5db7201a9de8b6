import { randomBytes } from 'node:crypto'
import { ApiError } from '../http/errors.ts'
import type { Batch, Message } from '../protocol.ts'
import { type LogBounds, planRead } from './cursor.ts'
import type { AppendResult, Cursor, Feed, FeedListener, NewMessage, StoreStatus } from './feed.ts'

export interface MemoryFeedOptions {
  /** Messages kept per room; older ones are dropped and readers behind them get `gap`. */
  retentionPerRoom: number
  now?: () => number
  epoch?: string
  /** Where a failing subscriber is reported (it never fails the append or the other subscribers). */
  onListenerError?: (error: unknown) => void
}

const EPOCH_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A short random id: the memory log is new at each start, so its epoch is too. Letters and digits
 * only: an id starting with "-" (as base64url may) reads as an option on a command line, and a lab
 * passes `--last-event-id <epoch>:<seq>` to a tool.
 */
export function newEpoch(): string {
  return [...randomBytes(8)].map((byte) => EPOCH_LETTERS[byte % EPOCH_LETTERS.length]).join('')
}

class RoomLog {
  readonly messages: Message[] = []
  /** seq of messages[0]. */
  firstRetained = 1
  readonly byClientMsgId = new Map<string, Message>()

  get head(): number {
    return this.firstRetained + this.messages.length - 1
  }

  bounds(epoch: string): LogBounds {
    return { epoch, head: this.head, firstRetained: this.firstRetained }
  }

  after(seq: number, limit: number): Message[] {
    const start = Math.max(0, seq + 1 - this.firstRetained)
    return this.messages.slice(start, start + limit)
  }

  push(message: Message, retention: number): void {
    this.messages.push(message)
    if (message.clientMsgId !== undefined) this.byClientMsgId.set(message.clientMsgId, message)
    while (this.messages.length > retention) {
      const dropped = this.messages.shift()
      this.firstRetained++
      if (dropped?.clientMsgId !== undefined) this.byClientMsgId.delete(dropped.clientMsgId)
    }
  }
}

/** The in-memory store: one log per room, gone when the process ends (hence the epoch). */
export class MemoryFeed implements Feed {
  readonly epoch: string
  readonly #rooms = new Map<string, RoomLog>()
  readonly #listeners = new Map<string, Set<FeedListener>>()
  readonly #retention: number
  readonly #now: () => number
  readonly #onListenerError: (error: unknown) => void

  constructor(options: MemoryFeedOptions) {
    if (!Number.isInteger(options.retentionPerRoom) || options.retentionPerRoom < 1) {
      throw new RangeError('retentionPerRoom must be a positive integer')
    }
    this.#retention = options.retentionPerRoom
    this.#now = options.now ?? Date.now
    this.epoch = options.epoch ?? newEpoch()
    this.#onListenerError =
      options.onListenerError ?? ((error) => console.error('feed listener failed:', error))
  }

  async append(room: string, input: NewMessage): Promise<AppendResult> {
    let log = this.#rooms.get(room)
    if (!log) {
      log = new RoomLog()
      this.#rooms.set(room, log)
    }
    if (input.clientMsgId !== undefined) {
      const earlier = log.byClientMsgId.get(input.clientMsgId)
      if (earlier) return { message: earlier, duplicate: duplicateOf(earlier, input) }
    }
    const message: Message = { seq: log.head + 1, ts: this.#now(), room, ...input }
    log.push(message, this.#retention)
    for (const listener of [...(this.#listeners.get(room) ?? [])]) {
      try {
        listener(message)
      } catch (error) {
        this.#onListenerError(error)
      }
    }
    return { message, duplicate: false }
  }

  async read(room: string, cursor: Cursor, limit: number): Promise<Batch> {
    const log = this.#rooms.get(room) ?? new RoomLog()
    const plan = planRead(cursor, log.bounds(this.epoch))
    const batch: Batch = {
      epoch: this.epoch,
      head: log.head,
      messages: log.after(plan.after, limit),
    }
    if (plan.reset) batch.reset = true
    if (plan.gap) batch.gap = true
    return batch
  }

  async history(room: string, limit: number): Promise<Batch> {
    const log = this.#rooms.get(room) ?? new RoomLog()
    return { epoch: this.epoch, head: log.head, messages: log.messages.slice(-limit) }
  }

  async head(room: string): Promise<number> {
    return this.#rooms.get(room)?.head ?? 0
  }

  /** In place at once: appends notify synchronously, after storing. */
  async subscribe(room: string, listener: FeedListener): Promise<() => void> {
    let listeners = this.#listeners.get(room)
    if (!listeners) {
      listeners = new Set()
      this.#listeners.set(room, listeners)
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && this.#listeners.get(room) === listeners)
        this.#listeners.delete(room)
    }
  }

  listenerCount(room?: string): number {
    if (room !== undefined) return this.#listeners.get(room)?.size ?? 0
    let total = 0
    for (const listeners of this.#listeners.values()) total += listeners.size
    return total
  }

  status(): StoreStatus {
    return { kind: 'memory', up: true, outages: 0 }
  }

  async close(): Promise<void> {}
}

/** A repeated clientMsgId is a retry only if it carries the same message; anything else is a bug. */
export function duplicateOf(earlier: Message, retry: NewMessage): true {
  if (earlier.user !== retry.user || earlier.text !== retry.text || earlier.kind !== retry.kind) {
    throw new ApiError(
      409,
      'conflict',
      `clientMsgId "${retry.clientMsgId}" was already used for a different message (seq ${earlier.seq})`,
    )
  }
  return true
}
