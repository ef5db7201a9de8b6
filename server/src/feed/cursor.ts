import { ApiError } from '../http/errors.ts'
import type { Cursor } from './feed.ts'

/** What a log looks like to the cursor rules. */
export interface LogBounds {
  epoch: string
  head: number
  /** seq of the oldest retained message; head + 1 when the log is empty. */
  firstRetained: number
}

/** Where to start reading, and what the client must be told about its cursor. */
export interface ReadPlan {
  after: number
  reset?: true
  gap?: true
}

/**
 * The cursor rules of DESIGN.md, in one place: a foreign epoch restarts from the retained start
 * (`reset`), a cursor older than retention is told so (`gap`), a cursor ahead of the head in the same
 * epoch is a client bug (400). Without an epoch the cursor is trusted as given.
 */
export function planRead(cursor: Cursor, log: LogBounds): ReadPlan {
  const epochKnown = cursor.epoch !== undefined
  if (epochKnown && cursor.epoch !== log.epoch) {
    const plan: ReadPlan = { after: log.firstRetained - 1, reset: true }
    if (log.firstRetained > 1) plan.gap = true
    return plan
  }
  if (epochKnown && cursor.since > log.head) {
    throw new ApiError(
      400,
      'bad_request',
      `since=${cursor.since} is ahead of this room's head (${log.head}) in epoch ${log.epoch}`,
    )
  }
  if (cursor.since < log.firstRetained - 1) {
    return { after: log.firstRetained - 1, gap: true }
  }
  return { after: cursor.since }
}
