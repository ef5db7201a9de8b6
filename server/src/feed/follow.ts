import type { Batch, Message } from '../protocol.ts'
import type { Cursor, Feed } from './feed.ts'

/** A live view of a room from a cursor on: the backlog first, then each new message once. */
export interface Follow {
  /** Everything after the cursor at the time of opening, with `reset`/`gap`. */
  backlog: Batch
  /** Starts live delivery; messages that arrived since opening come first, in order. */
  start(deliver: (message: Message) => void): void
  stop(): void
}

/**
 * Subscribes before reading the backlog, so a message appended in between is neither lost nor
 * delivered twice: live messages at or below the last delivered seq are dropped.
 */
export async function openFollow(feed: Feed, room: string, cursor: Cursor): Promise<Follow> {
  const early: Message[] = []
  let deliver: ((message: Message) => void) | undefined
  let lastSeq = 0
  const onMessage = (message: Message) => {
    if (!deliver) {
      early.push(message)
      return
    }
    if (message.seq <= lastSeq) return
    lastSeq = message.seq
    deliver(message)
  }
  const unsubscribe = feed.subscribe(room, onMessage)
  let backlog: Batch
  try {
    backlog = await feed.read(room, cursor, Number.POSITIVE_INFINITY)
  } catch (error) {
    unsubscribe()
    throw error
  }
  lastSeq = backlog.reset ? backlog.head : Math.max(cursor.since, backlog.head)
  return {
    backlog,
    start(deliverTo) {
      deliver = deliverTo
      for (const message of early.splice(0)) onMessage(message)
    },
    stop: unsubscribe,
  }
}
