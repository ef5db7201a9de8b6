import { Redis } from 'ioredis'
import { percentile } from '../../../web/src/lib/latency-stats.ts'
import { ApiError } from '../http/errors.ts'
import type { Batch } from '../protocol.ts'
import { planRead } from './cursor.ts'
import type {
  AppendResult,
  Cursor,
  Feed,
  FeedBreak,
  FeedListener,
  NewMessage,
  StoreStatus,
} from './feed.ts'
import { duplicateOf, newEpoch } from './memory-feed.ts'
import { type Entry, entryMessage, type Published, publishedMessage } from './redis-entries.ts'
import { APPEND_SCRIPT, READ_SCRIPT } from './redis-scripts.ts'
import { RoomTail } from './redis-tail.ts'

export interface RedisFeedOptions {
  /** `redis://HOST:PORT[/DB]` */
  url: string
  retentionPerRoom: number
  /** Keys and channels start with it: two stores can share one Redis. */
  prefix?: string
  /** How long a clientMsgId is remembered (a retry after that appends again). */
  clientMsgIdTtlSeconds?: number
  now?: () => number
  onListenerError?: (error: unknown) => void
  /** How long a room stays subscribed after its last local listener left (ms). */
  tailLingerMs?: number
}

/** A day: far longer than any client retries a send. */
const CLIENT_MSG_ID_TTL_S = 86_400
/** How long a room stays subscribed after its last local listener left. */
const TAIL_LINGER_MS = 10_000
/** Lag samples kept for /metrics. */
const LAG_SAMPLES = 256

type ReadReply = [string, number, number, Entry[]]

interface ScriptedRedis extends Redis {
  wlAppend(...args: (string | number)[]): Promise<[string, string, number]>
  wlRead(...args: (string | number)[]): Promise<ReadReply>
}

/**
 * The log in Redis, shared by every instance that names the same Redis and prefix, so a client's
 * `(epoch, seq)` cursor means the same on each of them.
 *
 * Live delivery is pub/sub checked against the Stream: each append publishes its message once, and
 * every instance with a subscriber in that room receives it with one subscription per room, however
 * many of its clients follow the room. Pub/sub alone may lose messages (a subscriber's connection
 * drops, Redis cuts a slow subscriber), so each room's tail (redis-tail.ts) knows the last seq it
 * delivered: a message that is not the next one, or a reconnection, makes it read the missing ones
 * from the Stream first. `XREAD BLOCK` would need a blocked connection to be interrupted each time a
 * room gains its first follower; pub/sub fans out from Redis with no polling at all.
 *
 * While Redis cannot be reached, every call rejects at once with 503 `store_unavailable` (no offline
 * queue: nothing waits to be stored later, nothing is acknowledged that is not stored).
 */
export class RedisFeed implements Feed {
  readonly #redis: ScriptedRedis
  readonly #subscriber: Redis
  readonly #prefix: string
  readonly #retention: number
  readonly #ttl: number
  readonly #now: () => number
  readonly #lingerMs: number
  readonly #tails = new Map<string, RoomTail>()
  readonly #onListenerError: (error: unknown) => void
  readonly #lags: number[] = []
  #up = false
  #outages = 0
  #closed = false
  #lastError: string | undefined

  constructor(options: RedisFeedOptions) {
    if (!Number.isInteger(options.retentionPerRoom) || options.retentionPerRoom < 1) {
      throw new RangeError('retentionPerRoom must be a positive integer')
    }
    this.#retention = options.retentionPerRoom
    this.#prefix = options.prefix ?? 'wirelab:'
    this.#ttl = options.clientMsgIdTtlSeconds ?? CLIENT_MSG_ID_TTL_S
    this.#now = options.now ?? Date.now
    this.#lingerMs = options.tailLingerMs ?? TAIL_LINGER_MS
    this.#onListenerError =
      options.onListenerError ?? ((error) => console.error('feed listener failed:', error))
    const connection = {
      enableOfflineQueue: false,
      // A command in flight when the connection drops fails at once: its caller answers 503.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 1_000),
      lazyConnect: true,
    }
    this.#redis = new Redis(options.url, connection) as ScriptedRedis
    this.#redis.defineCommand('wlAppend', { numberOfKeys: 5, lua: APPEND_SCRIPT })
    this.#redis.defineCommand('wlRead', { numberOfKeys: 3, lua: READ_SCRIPT })
    // Resubscribed by the tails themselves, so that each catches up once its subscription is back.
    this.#subscriber = new Redis(options.url, { ...connection, autoResubscribe: false })
    // Up: both connections ready. The first of them to drop starts an outage.
    this.#redis.on('ready', () => this.#noteState())
    this.#redis.on('close', () => this.#noteState())
    this.#subscriber.on('close', () => this.#noteState())
    // ioredis reports each failed reconnection here; the state above is what /metrics shows.
    this.#redis.on('error', (error: Error) => {
      this.#lastError = error.message
    })
    this.#subscriber.on('error', ignore)
    this.#subscriber.on('ready', () => {
      this.#noteState()
      this.#resubscribe()
    })
    this.#subscriber.on('message', (channel: string, payload: string) => {
      this.#tails.get(channel.slice(this.#channel('').length))?.receive(this.#parse(payload))
    })
  }

  /** Connects both connections; rejects, saying why, when Redis cannot be reached. */
  async connect(): Promise<void> {
    try {
      await Promise.all([this.#redis.connect(), this.#subscriber.connect()])
    } catch (error) {
      throw new Error(this.#lastError ?? (error as Error).message)
    }
  }

  async append(room: string, input: NewMessage): Promise<AppendResult> {
    const cid = input.clientMsgId ?? ''
    const [, json, duplicate] = await this.#call(() =>
      this.#redis.wlAppend(
        ...this.#logKeys(room),
        this.#key(`room:${room}:cmid:${cid}`),
        this.#channel(room),
        newEpoch(),
        this.#retention,
        String(this.#now()),
        input.kind,
        input.user,
        input.text,
        cid,
        this.#ttl,
      ),
    )
    const message = publishedMessage(room, this.#parse(json))
    if (duplicate === 1) return { message, duplicate: duplicateOf(message, input) }
    return { message, duplicate: false }
  }

  async read(room: string, cursor: Cursor, limit: number): Promise<Batch> {
    const count = Number.isFinite(limit) ? limit : -1
    let reply = await this.#read(room, cursor.since, count, 'after')
    const [epoch, head, retained] = reply
    const plan = planRead(cursor, { epoch, head, firstRetained: head - retained + 1 })
    // Reset or gap: read again from where the plan starts.
    if (plan.after !== cursor.since) reply = await this.#read(room, plan.after, count, 'after')
    const messages = reply[3].map((entry) => entryMessage(room, entry))
    const batch: Batch = { epoch, head: Math.max(head, messages.at(-1)?.seq ?? 0), messages }
    if (plan.reset) batch.reset = true
    if (plan.gap) batch.gap = true
    return batch
  }

  async history(room: string, limit: number): Promise<Batch> {
    const [epoch, head, , entries] = await this.#read(room, 0, limit, 'last')
    return { epoch, head, messages: entries.reverse().map((entry) => entryMessage(room, entry)) }
  }

  async head(room: string): Promise<number> {
    return Number((await this.#call(() => this.#redis.get(this.#logKeys(room)[1]))) ?? 0)
  }

  async subscribe(room: string, listener: FeedListener, onBreak?: FeedBreak): Promise<() => void> {
    let tail = this.#tails.get(room)
    if (!tail) {
      tail = new RoomTail(room, {
        catchUp: (after) => this.#read(room, after, -1, 'after'),
        toMessage: (entry) => entryMessage(room, entry),
        onListenerError: this.#onListenerError,
        onLag: (ms) => this.#noteLag(ms),
      })
      this.#tails.set(room, tail)
      tail.open(this.#subscribeTo(room))
    }
    try {
      await tail.ready
    } catch (error) {
      if (this.#tails.get(room) === tail) this.#tails.delete(room)
      throw unavailable(error)
    }
    // Let go meanwhile (its last listener left and its linger ran out): a new one, then.
    if (this.#tails.get(room) !== tail) return this.subscribe(room, listener, onBreak)
    tail.add(listener, onBreak)
    return () => {
      if (!tail.remove(listener)) return
      // Kept a while with no listener: a room followed by long polls alone (each one subscribes,
      // then leaves once answered) is not subscribed and caught up again at every poll.
      tail.linger(this.#lingerMs, () => {
        if (this.#tails.get(room) !== tail) return
        this.#tails.delete(room)
        tail.close()
        this.#subscriber.unsubscribe(this.#channel(room)).catch(ignore)
      })
    }
  }

  listenerCount(room?: string): number {
    if (room !== undefined) return this.#tails.get(room)?.size ?? 0
    let total = 0
    for (const tail of this.#tails.values()) total += tail.size
    return total
  }

  status(): StoreStatus {
    const lags = [...this.#lags].sort((a, b) => a - b)
    return {
      kind: 'redis',
      up: this.#up,
      outages: this.#outages,
      deliveryLagMs: {
        p50: percentile(lags, 50) ?? 0,
        max: lags.at(-1) ?? 0,
        samples: lags.length,
      },
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const tail of this.#tails.values()) tail.close()
    this.#redis.disconnect()
    this.#subscriber.disconnect()
  }

  #key(name: string): string {
    return this.#prefix + name
  }

  /**
   * The store's epoch and the room's seq and Stream, as both scripts take them. The epoch candidate
   * they are given is new at each call: a store that lost its log must not get its old epoch back.
   */
  #logKeys(room: string): [string, string, string] {
    return [this.#key('epoch'), this.#key(`room:${room}:seq`), this.#key(`room:${room}:log`)]
  }

  /** Where each appended message of the room is published. */
  #channel(room: string): string {
    return this.#key(`feed:${room}`)
  }

  #parse(json: string): Published {
    return JSON.parse(json) as Published
  }

  async #read(room: string, after: number, count: number, mode: 'after' | 'last') {
    return this.#call(() =>
      this.#redis.wlRead(...this.#logKeys(room), newEpoch(), after, count, mode),
    )
  }

  /** Subscribed, then the room's head read: the tail delivers every message after it. */
  async #subscribeTo(room: string): Promise<{ epoch: string; head: number }> {
    await this.#call(() => this.#subscriber.subscribe(this.#channel(room)))
    const [epoch, head] = await this.#read(room, 0, 0, 'after')
    return { epoch, head }
  }

  /** After a reconnection: every room subscribed again, then caught up from the Stream. */
  #resubscribe(): void {
    for (const [room, tail] of this.#tails) {
      this.#subscriber
        .subscribe(this.#channel(room))
        .then(() => tail.catchUp())
        .catch(ignore)
    }
  }

  #noteState(): void {
    const up = this.#redis.status === 'ready' && this.#subscriber.status === 'ready'
    if (this.#up && !up && !this.#closed) this.#outages++
    this.#up = up
  }

  #noteLag(ms: number): void {
    this.#lags.push(ms)
    if (this.#lags.length > LAG_SAMPLES) this.#lags.shift()
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command()
    } catch (error) {
      throw unavailable(error)
    }
  }
}

/**
 * Redis out of reach (or still loading its data): 503, so a client retries. A reply error from a
 * running Redis that is not one of those is a bug and stays a 500.
 */
function unavailable(error: unknown): unknown {
  if (error instanceof ApiError) return error
  const message = error instanceof Error ? error.message : String(error)
  const isReply = error instanceof Error && error.name === 'ReplyError'
  if (isReply && !/^(LOADING|BUSY|MASTERDOWN|TRYAGAIN)/.test(message)) return error
  return new ApiError(
    503,
    'store_unavailable',
    `the message store (Redis) cannot be reached (${message}); retry in a moment (a send retried with the same clientMsgId is stored once)`,
  )
}

function ignore(): void {}
