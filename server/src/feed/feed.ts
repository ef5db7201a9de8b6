import type { Batch, Message, MessageKind } from '../protocol.ts'

/** Where a client is in a room's log: the last seq it has, and the epoch that seq belongs to. */
export interface Cursor {
  since: number
  epoch?: string
}

/** What a caller appends; the feed adds `seq`, `ts` and `room`. */
export interface NewMessage {
  kind: MessageKind
  user: string
  text: string
  clientMsgId?: string
}

export interface AppendResult {
  message: Message
  /** True when the clientMsgId was seen before and nothing was appended. */
  duplicate: boolean
}

export type FeedListener = (message: Message) => void

/**
 * Why live delivery of a room cannot go on without a hole: the store lost its log (a new epoch)
 * or dropped, by retention, messages this process never received. A stream then ends, and its
 * client reconnects from its cursor, where the read says `reset` or `gap`.
 */
export type FeedBreak = (reason: string) => void

/** What `/metrics` tells of the store. */
export interface StoreStatus {
  kind: 'memory' | 'redis'
  /** False while the store cannot be reached: sends and reads are refused with 503. */
  up: boolean
  /** Times the store was lost since start. */
  outages: number
  /** From a message's append on any instance to its delivery here (ms), the last ones' p50/max. */
  deliveryLagMs?: { p50: number; max: number; samples: number }
}

/**
 * The replayable log every transport reads. A subscriber hears every message appended after its
 * subscription resolved, once, in order; so a reader that subscribes first and reads after misses
 * nothing. A store that is out of reach rejects with ApiError 503 (`store_unavailable`).
 */
export interface Feed {
  append(room: string, message: NewMessage): Promise<AppendResult>
  /** Messages after the cursor, at most `limit`, with `reset`/`gap` per the cursor rules. */
  read(room: string, cursor: Cursor, limit: number): Promise<Batch>
  /** The last `limit` messages. */
  history(room: string, limit: number): Promise<Batch>
  head(room: string): Promise<number>
  /** Resolves once live delivery is in place; the function it gives ends the subscription. */
  subscribe(room: string, listener: FeedListener, onBreak?: FeedBreak): Promise<() => void>
  /** Live subscriptions of a room, or of every room (to prove closed clients leave none). */
  listenerCount(room?: string): number
  status(): StoreStatus
  close(): Promise<void>
}
