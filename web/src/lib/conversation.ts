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
  message: ChatMessage
  /** Fastest first. */
  marks: RaceMark[]
  fromHistory: boolean
  /** Bumped on every change, so a view redraws only the entries that changed. */
  version: number
}

export type ConversationRow =
  | { kind: 'message'; key: string; entry: ConversationEntry }
  /** A run of ticker messages folded into one line that shows the newest one's race. */
  | { kind: 'ticks'; key: string; count: number; firstSeq: number; newest: ConversationEntry }

/**
 * The room as one conversation: each message once, with the four transports' arrivals as a race.
 * Bounded: the oldest messages go first.
 */
export class Conversation {
  #entries = new Map<number, ConversationEntry>()
  readonly maxEntries: number

  constructor(maxEntries = 200) {
    this.maxEntries = maxEntries
  }

  /** Messages sent before the page opened: no race to show. */
  addHistory(messages: readonly ChatMessage[]): void {
    for (const message of messages) this.#entry(message, true)
  }

  arrive(transport: Transport, message: ChatMessage, delivery: Delivery, arrivedAt: number): void {
    const entry = this.#entry(message, false)
    if (entry.marks.some((mark) => mark.transport === transport)) return
    entry.marks.push({ transport, delivery, arrivedAt })
    entry.marks.sort((a, b) => a.arrivedAt - b.arrivedAt)
    entry.version++
  }

  entries(): ConversationEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.message.seq - b.message.seq)
  }

  /** Oldest first; consecutive ticker messages folded unless `showTicker`. */
  rows(showTicker: boolean): ConversationRow[] {
    const rows: ConversationRow[] = []
    for (const entry of this.entries()) {
      const previous = rows.at(-1)
      if (showTicker || entry.message.kind !== 'tick') {
        rows.push({ kind: 'message', key: `m${entry.message.seq}`, entry })
      } else if (previous?.kind === 'ticks') {
        previous.count++
        previous.newest = entry
      } else {
        const firstSeq = entry.message.seq
        rows.push({ kind: 'ticks', key: `t${firstSeq}`, count: 1, firstSeq, newest: entry })
      }
    }
    return rows
  }

  #entry(message: ChatMessage, fromHistory: boolean): ConversationEntry {
    let entry = this.#entries.get(message.seq)
    if (!entry) {
      entry = { message, marks: [], fromHistory, version: 0 }
      this.#entries.set(message.seq, entry)
      if (this.#entries.size > this.maxEntries) {
        const oldest = Math.min(...this.#entries.keys())
        this.#entries.delete(oldest)
      }
    }
    return entry
  }
}
