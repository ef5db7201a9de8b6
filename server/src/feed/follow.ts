import type { Batch, Message } from '../protocol.ts'
import type { Cursor, Feed } from './feed.ts'

/** A live view of a room from a cursor on: the backlog first, then each new message once. */
export interface Follow {
  /** Everything after the cursor at the time of opening, with `reset`/`gap`. */
  backlog: Batch
  /**
   * Starts live delivery, once the backlog is sent (its messages are let go); messages that arrived
   * since opening come first, in order. `onBreak` is told when the store cannot go on without a
   * hole (see FeedBreak): the stream must end so that its client resumes from its cursor.
   */
  start(deliver: (message: Message) => void, onBreak: (reason: string) => void): void
  stop(): void
}

/**
 * Subscribes before reading the backlog, so a message appended in between is neither lost nor
 * delivered twice: live messages at or below the last delivered seq are dropped.
 */
export async function openFollow(feed: Feed, room: string, cursor: Cursor): Promise<Follow> {
  const follow = new FeedFollow()
  const unsubscribe = await feed.subscribe(
    room,
    (message) => follow.offer(message),
    (reason) => follow.break(reason),
  )
  try {
    follow.backlog = await feed.read(room, cursor, Number.POSITIVE_INFINITY)
  } catch (error) {
    unsubscribe()
    throw error
  }
  const { backlog } = follow
  follow.lastSeq = backlog.reset ? backlog.head : Math.max(cursor.since, backlog.head)
  follow.unsubscribe = unsubscribe
  return follow
}

const nothing = () => {}

/** A class, not closures: one lives per open stream, and methods cost nothing per instance. */
class FeedFollow implements Follow {
  backlog: Batch = { epoch: '', head: 0, messages: [] }
  lastSeq = 0
  unsubscribe: () => void = nothing
  #early: Message[] | undefined = []
  #deliver: ((message: Message) => void) | undefined
  #onBreak: ((reason: string) => void) | undefined
  #broken: string | undefined

  stop(): void {
    this.unsubscribe()
  }

  start(deliver: (message: Message) => void, onBreak: (reason: string) => void): void {
    // Delivered by now: a resume from far behind must not hold its backlog while it stays open.
    this.backlog.messages = []
    this.#deliver = deliver
    this.#onBreak = onBreak
    const early = this.#early ?? []
    this.#early = undefined
    for (const message of early) this.offer(message)
    if (this.#broken !== undefined) onBreak(this.#broken)
  }

  /** Live delivery cannot go on: told at once if started, else at `start`, after what came. */
  break(reason: string): void {
    if (this.#onBreak) this.#onBreak(reason)
    else this.#broken ??= reason
  }

  /** A message of the room: kept until `start`, then delivered unless the backlog had it. */
  offer(message: Message): void {
    if (!this.#deliver) {
      this.#early?.push(message)
      return
    }
    if (message.seq <= this.lastSeq) return
    this.lastSeq = message.seq
    this.#deliver(message)
  }
}
