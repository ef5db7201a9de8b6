import type { ChatMessage } from './chat-message.ts'
import type { Delivery } from './delivery.ts'
import type { Transport } from './exchange.ts'

/** One transport's arrival of one message. */
export interface RaceMark {
  transport: Transport
  delivery: Delivery
  /** Client ms: the order of the marks is the order of arrival. */
  arrivedAt: number
}

export interface ConversationEntry {
  /** The log the message belongs to: a restarted server starts a new one, at seq 1 again. */
  epoch: string
  message: ChatMessage
  /** Fastest first. */
  marks: RaceMark[]
  fromHistory: boolean
  /** Bumped on every change, so a view redraws only the entries that changed. */
  version: number
}

export type ConversationRow =
  | { kind: 'message'; key: string; entry: ConversationEntry }
  /** The server's log started over here (a restart with the memory store). */
  | { kind: 'restart'; key: string }
  /** A run of ticker messages folded into one line that shows the newest one's race. */
  | { kind: 'ticks'; key: string; count: number; firstSeq: number; newest: ConversationEntry }

/**
 * The room as one conversation: each message once, with the four transports' arrivals as a race.
 * Bounded: the oldest messages go first.
 */
export class Conversation {
  #entries = new Map<string, ConversationEntry>()
  /** Epochs in the order they were first seen, so that a newer log sorts after an older one. */
  #epochs: string[] = []
  /** Class mode: the instructor cleared the room up to this seq; nothing up to it shows. */
  #clearedSeq = 0
  readonly maxEntries: number

  constructor(maxEntries = 200) {
    this.maxEntries = maxEntries
  }

  /** Messages sent before the page opened: no race to show. */
  addHistory(epoch: string, messages: readonly ChatMessage[]): void {
    for (const message of messages) {
      if (message.seq > this.#clearedSeq) this.#entry(epoch, message, true)
    }
  }

  /** Forgets every message up to `seq` and keeps out any that arrives late (a class's "clear"). */
  clearUpTo(seq: number): void {
    this.#clearedSeq = Math.max(this.#clearedSeq, seq)
    for (const [key, entry] of this.#entries) {
      if (entry.message.seq <= this.#clearedSeq) this.#entries.delete(key)
    }
  }

  arrive(
    transport: Transport,
    epoch: string,
    message: ChatMessage,
    delivery: Delivery,
    arrivedAt: number,
  ): void {
    if (message.seq <= this.#clearedSeq) return
    const entry = this.#entry(epoch, message, false)
    if (entry.marks.some((mark) => mark.transport === transport)) return
    entry.marks.push({ transport, delivery, arrivedAt })
    entry.marks.sort((a, b) => a.arrivedAt - b.arrivedAt)
    entry.version++
  }

  entries(): ConversationEntry[] {
    const order = (entry: ConversationEntry) => this.#epochs.indexOf(entry.epoch)
    return [...this.#entries.values()].sort(
      (a, b) => order(a) - order(b) || a.message.seq - b.message.seq,
    )
  }

  /** Oldest first; consecutive ticker messages folded unless `showTicker`. */
  rows(showTicker: boolean): ConversationRow[] {
    const rows: ConversationRow[] = []
    let epoch: string | undefined
    for (const entry of this.entries()) {
      if (epoch !== undefined && entry.epoch !== epoch) {
        rows.push({ kind: 'restart', key: `r${entry.epoch}` })
      }
      epoch = entry.epoch
      const previous = rows.at(-1)
      if (showTicker || entry.message.kind !== 'tick') {
        rows.push({ kind: 'message', key: `m${entry.epoch}:${entry.message.seq}`, entry })
      } else if (previous?.kind === 'ticks') {
        previous.count++
        previous.newest = entry
      } else {
        const firstSeq = entry.message.seq
        rows.push({
          kind: 'ticks',
          key: `t${entry.epoch}:${firstSeq}`,
          count: 1,
          firstSeq,
          newest: entry,
        })
      }
    }
    return rows
  }

  #entry(epoch: string, message: ChatMessage, fromHistory: boolean): ConversationEntry {
    if (!this.#epochs.includes(epoch)) this.#epochs.push(epoch)
    const key = `${epoch}:${message.seq}`
    let entry = this.#entries.get(key)
    if (!entry) {
      entry = { epoch, message, marks: [], fromHistory, version: 0 }
      this.#entries.set(key, entry)
      // Map order is arrival order: the first key is the oldest message this page saw.
      if (this.#entries.size > this.maxEntries) {
        const oldest = this.#entries.keys().next().value
        if (oldest !== undefined) this.#entries.delete(oldest)
      }
    }
    return entry
  }
}
