import type { Feed } from '../feed/index.ts'

/**
 * Who follows a room: live subscribers of the feed (SSE, WebSocket, held long polls), lab pages
 * watching it, and short polls, which leave no trace between two requests: a poll counts for
 * `pollMemoryMs` after it was answered.
 */
export class RoomActivity {
  readonly #watchers = new Map<string, number>()
  readonly #lastPoll = new Map<string, number>()

  constructor(
    readonly feed: Feed,
    readonly pollMemoryMs: number,
  ) {}

  polled(room: string): void {
    // Re-inserting keeps the map ordered by age, so the oldest entries are dropped first.
    this.#lastPoll.delete(room)
    this.#lastPoll.set(room, Date.now())
    if (this.#lastPoll.size > 10_000) {
      const oldest = this.#lastPoll.keys().next().value
      if (oldest !== undefined) this.#lastPoll.delete(oldest)
    }
  }

  /** A lab page watches the room until the returned function is called. */
  watch(room: string): () => void {
    this.#watchers.set(room, (this.#watchers.get(room) ?? 0) + 1)
    let watching = true
    return () => {
      if (!watching) return
      watching = false
      const left = (this.#watchers.get(room) ?? 1) - 1
      if (left === 0) this.#watchers.delete(room)
      else this.#watchers.set(room, left)
    }
  }

  isFollowed(room: string): boolean {
    if ((this.#watchers.get(room) ?? 0) > 0 || this.feed.listenerCount(room) > 0) return true
    const polledAt = this.#lastPoll.get(room)
    return polledAt !== undefined && Date.now() - polledAt < this.pollMemoryMs
  }
}
