/**
 * The wire contract of wirelab (see DESIGN.md): types shared by the server and the web UI, and the
 * schemas that check what crosses a trust boundary.
 */
import { z } from 'zod'

/** The header naming the instance that answered (`--instance`, or host-pid with a Redis store). */
export const INSTANCE_HEADER = 'X-Wirelab-Instance'

export const TRANSPORTS = ['poll', 'longpoll', 'sse', 'ws', 'socketio'] as const
/** A way of delivering the feed to a client (`socketio`: the lab page's optional fifth panel). */
export type Transport = (typeof TRANSPORTS)[number]

export const METER_CATEGORIES = [...TRANSPORTS, 'send', 'control'] as const
/** What the wire meter counts bytes under: the transports, sending, and everything else. */
export type MeterCategory = (typeof METER_CATEGORIES)[number]

export type MessageKind = 'chat' | 'system' | 'tick'

/** One entry of a room's log. */
export interface Message {
  seq: number
  ts: number
  room: string
  kind: MessageKind
  user: string
  text: string
  clientMsgId?: string
}

/** What polling, long polling and history answer. */
export interface Batch {
  epoch: string
  head: number
  messages: Message[]
  reset?: true
  gap?: true
}

/** Server → client WebSocket messages. */
export type ServerFrame =
  | {
      type: 'hello'
      epoch: string
      head: number
      reset?: true
      gap?: true
      /** The instance serving this connection (with a shared store, or `--instance`). */
      instance?: string
    }
  | { type: 'message'; message: Message }
  | { type: 'ack'; clientMsgId?: string; seq: number; ts: number }
  | { type: 'error'; code: ErrorCode; message: string }

export type ErrorCode =
  | 'bad_request'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'rate_limited'
  | 'unsupported'
  | 'server_error'
  /** The shared store (Redis) is out of reach: nothing was stored; retry in a moment. */
  | 'store_unavailable'
  /** Class mode: join the class first (`/join`). */
  | 'class_join_required'
  /** Class mode: the instructor muted this student. */
  | 'muted'

/** Body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string }
}

export const DEFAULT_ROOM = 'lobby'
export const ROOM_PATTERN = /^[a-z0-9-]{1,32}$/
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export const LIMITS = {
  userMaxChars: 32,
  textMaxChars: 2000,
  clientMsgIdMaxChars: 64,
  bodyMaxBytes: 16 * 1024,
  wsFrameMaxBytes: 64 * 1024,
  retentionPerRoom: 10_000,
  pollLimitDefault: 100,
  pollLimitMax: 500,
  historyLimitDefault: 50,
  historyLimitMax: 500,
  longPollTimeoutDefaultMs: 25_000,
  longPollTimeoutMaxMs: 60_000,
} as const

export const roomSchema = z
  .string()
  .regex(ROOM_PATTERN, 'must match ^[a-z0-9-]{1,32}$ (lowercase letters, digits, dashes)')

export const clientIdSchema = z
  .string()
  .regex(CLIENT_ID_PATTERN, 'must be 1-64 letters, digits, "-" or "_"')

export const epochSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be an epoch id the server gave (letters, digits, "-", "_")')

/**
 * A string of whole characters: a lone UTF-16 surrogate has no UTF-8 form, so a store that keeps
 * UTF-8 (Redis) could not give it back as sent.
 */
const stringField = () =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .refine(isWellFormed, 'must be valid Unicode (it holds a lone surrogate)')

/** String.prototype.isWellFormed (Node 20), spelled out for the page's TypeScript library. */
function isWellFormed(text: string): boolean {
  return !/\p{Surrogate}/u.test(text)
}

const userSchema = stringField()
  .min(1, 'must not be empty')
  .max(LIMITS.userMaxChars, `must be at most ${LIMITS.userMaxChars} characters`)
const textSchema = stringField()
  .min(1, 'must not be empty')
  .max(LIMITS.textMaxChars, `must be at most ${LIMITS.textMaxChars} characters`)
const clientMsgIdSchema = stringField()
  .min(1, 'must not be empty')
  .max(LIMITS.clientMsgIdMaxChars, `must be at most ${LIMITS.clientMsgIdMaxChars} characters`)

/** Body of `POST /api/messages`. */
export const sendBodySchema = z.strictObject({
  room: roomSchema.optional(),
  user: userSchema,
  text: textSchema,
  clientMsgId: clientMsgIdSchema.optional(),
})
export type SendBody = z.infer<typeof sendBodySchema>

/** A WebSocket client's `send` message. */
export const wsSendSchema = z.strictObject({
  type: z.literal('send'),
  user: userSchema,
  text: textSchema,
  clientMsgId: clientMsgIdSchema.optional(),
})
export type WsSend = z.infer<typeof wsSendSchema>

/** Where Engine.IO answers (polling requests and the WebSocket upgrade) on the lab's server. */
export const SOCKETIO_PATH = '/socket.io/'
/** The Socket.IO namespace that serves the feed. */
export const SOCKETIO_NAMESPACE = '/feed'

/**
 * The `auth` a Socket.IO client sends with every (re)connection: its room and cursor (a client that
 * keeps its cursor here resumes exactly), and the server's `--token` when it has one.
 */
export const socketIoAuthSchema = z.object({
  room: roomSchema.optional(),
  since: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be at least 0')
    .optional(),
  epoch: epochSchema.optional(),
  token: z.string({ error: 'must be a string' }).optional(),
})
export type SocketIoAuth = z.infer<typeof socketIoAuthSchema>

/** A Socket.IO client's `send` event: the WebSocket `send` without its `type`. */
export const socketIoSendSchema = wsSendSchema.omit({ type: true })

/** What a Socket.IO `send` is acknowledged with: its seq, or why it was refused. */
export type SocketIoAck = { clientMsgId?: string; seq: number; ts: number } | ErrorBody

/** Server → client Socket.IO events of the `/feed` namespace. */
export interface SocketIoServerEvents {
  hello(hello: Omit<Extract<ServerFrame, { type: 'hello' }>, 'type'>): void
  message(message: Message): void
  /** A `send` without an acknowledgement callback: nothing else could answer it. */
  error(error: ErrorBody['error']): void
}

/** Byte and event counters of one meter category. */
export interface TransportStats {
  bytesIn: number
  bytesOut: number
  requests: number
  emptyResponses: number
  connections: number
  messages: number
  /** Connections dropped because the client left too much unread (SSE and WebSocket). */
  slowDrops: number
}

export interface WsStats extends TransportStats {
  handshakeBytesIn: number
  handshakeBytesOut: number
  framesIn: number
  framesOut: number
}

/** Body of `GET /api/stats`. */
export interface StatsSnapshot {
  since: number
  client?: string
  transports: Record<Exclude<MeterCategory, 'ws' | 'socketio'>, TransportStats> & {
    ws: WsStats
    /** Handshake bytes: its WebSocket upgrade; its Engine.IO polling requests are in the rest. */
    socketio: WsStats
  }
}

/** Body of `POST /api/lab/ticker`: `rate` messages per second (0 stops) of `size` bytes of text. */
export const tickerBodySchema = z.strictObject({
  room: roomSchema.optional(),
  // Fractions are fine: 0.5 is one message every two seconds.
  rate: z
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(1000, 'must be at most 1000'),
  size: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1)
    .max(LIMITS.textMaxChars)
    .optional(),
  /** Stops the ticks but keeps the rate, so every page of the room shows "paused", not "off". */
  paused: z.boolean({ error: 'must be true or false' }).optional(),
})
export type TickerBody = z.infer<typeof tickerBodySchema>

/** A room's load generator, as every page of the room shows it. */
export interface TickerState {
  room: string
  rate: number
  size: number
  paused: boolean
  /** Ticks appended since this ticker started. */
  sent: number
}

/** The lab settings a room shares: pushed to every page of the room (`event: room`). */
export interface RoomSettings {
  room: string
  ticker: TickerState
  /** Why the ticker last changed: a page set it, nobody followed the room for a while, or never set. */
  changedBy: 'page' | 'idle' | null
}

/** How a shaped link treats one transport's bytes (`POST /api/lab/network`). */
export interface NetworkConditions {
  /** One-way delay per direction, ms. */
  delayMs: number
  /** ± this much on each chunk's delay, never reordering bytes; at most `delayMs`. */
  jitterMs: number
  /** Throughput per direction in kbit/s (1000 bit/s); 0 = unlimited. */
  bandwidthKbps: number
  /** Expected cuts per open connection per minute, at random times. */
  dropPerMinute: number
  /** Every open connection cut, new ones refused, until back online. */
  offline: boolean
}

export const NETWORK_LIMITS = {
  delayMaxMs: 5000,
  bandwidthMaxKbps: 1_000_000,
  dropMaxPerMinute: 60,
  offlineMaxMs: 600_000,
} as const

export const NO_CONDITIONS: NetworkConditions = {
  delayMs: 0,
  jitterMs: 0,
  bandwidthKbps: 0,
  dropPerMinute: 0,
  offline: false,
}

const wholeNumber = (max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be at least 0')
    .max(max, `must be at most ${max}`)

/**
 * Body of `POST /api/lab/network`: the fields given change, the others stay; `clear: true` (or
 * every field at zero) stops shaping the transport.
 */
export const networkBodySchema = z.strictObject({
  room: roomSchema.optional(),
  transport: z.enum(TRANSPORTS, { error: `must be one of ${TRANSPORTS.join(', ')}` }),
  delayMs: wholeNumber(NETWORK_LIMITS.delayMaxMs).optional(),
  jitterMs: wholeNumber(NETWORK_LIMITS.delayMaxMs).optional(),
  bandwidthKbps: wholeNumber(NETWORK_LIMITS.bandwidthMaxKbps).optional(),
  dropPerMinute: z
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(NETWORK_LIMITS.dropMaxPerMinute, `must be at most ${NETWORK_LIMITS.dropMaxPerMinute}`)
    .optional(),
  offline: z.boolean({ error: 'must be true or false' }).optional(),
  /** Offline now, and back online after this many ms by the server's own timer. */
  offlineForMs: wholeNumber(NETWORK_LIMITS.offlineMaxMs).min(1, 'must be at least 1').optional(),
  clear: z.literal(true, { error: 'must be true when given' }).optional(),
})
export type NetworkBody = z.infer<typeof networkBodySchema>

/** A transport a room routes through its shaping proxy, and that proxy's port. */
export interface ShapedTransport extends NetworkConditions {
  port: number
}

/**
 * A room's network conditions (`GET /api/lab/network`, and `event: network` of the lab stats
 * stream): the transports it shapes; a transport absent goes straight to the server.
 */
export interface RoomNetwork {
  room: string
  shaped: Partial<Record<Transport, ShapedTransport>>
}

/** Body of `POST /api/lab/kill`: drop one client's sockets of one transport. */
export const killBodySchema = z.strictObject({
  client: clientIdSchema,
  transport: z.enum(TRANSPORTS, { error: `must be one of ${TRANSPORTS.join(', ')}` }),
})

/** Answer of `POST /api/lab/kill`. */
export interface KillResult {
  client: string
  transport: Transport
  /** How many connections were closed. */
  killed: number
  /**
   * Which: each connection's number, the requests of this transport it had carried, and whether
   * one was in flight (an idle keep-alive connection between two polls is not).
   */
  connections: { conn: number; requests: number; busy: boolean }[]
  /** The exchange log's last event number at the drop: read `after` it to see the next connection. */
  logN: number
  /** Server ms of the drop. */
  at: number
}

/**
 * One thing the server saw on the wire for a client (`GET /api/lab/exchanges`). `at`: server ms;
 * `id`: the HTTP exchange or connection it belongs to; `bytes`: on the wire; `in` = client→server.
 * `head` is the raw request or response head (WebSocket: the upgrade request and the 101);
 * `hex` is the frame as sent, masked as on the wire (its first 8 KiB: a longer frame is cut).
 */
export type ExchangeEvent =
  | {
      at: number
      kind: 'request'
      id: number
      /** The TCP connection it came on (server-wide number): keep-alive reuses one for many. */
      conn: number
      method: string
      target: string
      bytes: number
      head?: string
    }
  | {
      at: number
      kind: 'response'
      id: number
      status: number
      bytes: number
      messages: number
      head?: string
    }
  | { at: number; kind: 'sse-event'; id: number; event: string; eventId?: string; bytes: number }
  | {
      at: number
      kind: 'ws-frame'
      id: number
      direction: 'in' | 'out'
      opcode: number
      fin: boolean
      masked: boolean
      payloadLength: number
      bytes: number
      preview?: string
      hex?: string
    }
  | { at: number; kind: 'closed'; id: number; by: 'client' | 'server' }

/** An exchange event as the log keeps it: `n` numbers every logged event, server-wide, from 1. */
export type LoggedExchangeEvent = ExchangeEvent & { n: number }

/** Body of `GET /api/lab/exchanges?client=ID&transport=T[&after=N]`: the last events, oldest first. */
export interface ExchangeLog {
  client: string
  transport: Transport
  events: LoggedExchangeEvent[]
  /** Events ever recorded for this client and transport: more than `events` once the oldest went. */
  recorded: number
  /** Events the server keeps per client and transport. */
  keeps: number
}
