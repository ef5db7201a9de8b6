import type { ChatMessage } from '../lib/chat-message.ts'

/** What every transport answer says about the log besides its messages. */
export interface CursorNews {
  epoch: string
  reset?: boolean
  gap?: boolean
}

/**
 * A client's place in the room's log (DESIGN.md: the cursor rules). Every transport keeps one and
 * hands it back on reconnect; it also drops a message it already has, and says so, because a
 * duplicate on the wire is a bug the lab must show, not hide.
 */
export class FeedCursor {
  since: number
  epoch: string | undefined
  /** Messages that arrived twice (dropped here). */
  duplicates = 0
  /** Messages never received: a jump in seq that the server did not announce as a gap or reset. */
  missing = 0
  /** Jumps the server announced (retention dropped what the cursor needed). */
  gaps = 0
  /** Times the log started over (a new epoch): the seqs begin again at 1. */
  resets = 0
  #jumpAnnounced = false

  constructor(start: { since: number; epoch?: string | undefined }) {
    this.since = start.since
    this.epoch = start.epoch
  }

  /** `since=…&epoch=…` for the next request or reconnect. */
  query(): Record<string, string> {
    return this.epoch === undefined
      ? { since: String(this.since) }
      : { since: String(this.since), epoch: this.epoch }
  }

  /** The server started over (reset) or dropped messages (gap): take its word for where we are. */
  note(news: CursorNews): void {
    if (news.reset || (this.epoch !== undefined && news.epoch !== this.epoch)) {
      this.since = 0
      this.resets++
    }
    if (news.gap) this.gaps++
    if (news.gap || news.reset) this.#jumpAnnounced = true
    this.epoch = news.epoch
  }

  /** Keeps the messages that are new to this client, in order, and moves the cursor past them. */
  accept(messages: readonly ChatMessage[]): ChatMessage[] {
    const fresh: ChatMessage[] = []
    for (const message of messages) {
      if (message.seq <= this.since) {
        this.duplicates++
        continue
      }
      if (message.seq > this.since + 1 && !this.#jumpAnnounced)
        this.missing += message.seq - this.since - 1
      this.#jumpAnnounced = false
      fresh.push(message)
      this.since = message.seq
    }
    return fresh
  }
}
