import type { HttpBindings } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Classroom } from '../class/classroom.ts'
import type { Member } from '../class/membership.ts'
import type { Config } from '../config.ts'
import type { Feed } from '../feed/index.ts'
import type { RoomActivity } from '../lab/room-activity.ts'
import type { Tickers } from '../lab/ticker.ts'
import type { RoomNetworks } from '../net/index.ts'
import type { Transport } from '../protocol.ts'
import type { HeartbeatPool } from '../transports/heartbeat.ts'
import type { ExchangeLogs } from '../wire/exchange-log.ts'
import type { LiveGauges } from '../wire/live-gauges.ts'
import type { MeterOwner, WireMeter } from '../wire/meter.ts'
import type { SendLimiter } from './rate-limit.ts'
import type { Shutdown } from './shutdown.ts'

/** What a Hono handler of this app can read from its context. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
  Variables: {
    meterOwner: MeterOwner
    /** Set for the requests of a transport that carry a client id: where to log what happens. */
    exchange?: ExchangeContext
    /** Messages this response delivers (for the exchange log). */
    delivered?: number
    /**
     * A WebSocket handshake without the server's token or a class member's credential: opened,
     * then closed with 1008 and this reason (which the page's script can read).
     */
    refused?: string
    /** Class mode: the student or instructor the request comes from. */
    member?: Member
    /** The `/ws` route took this upgrade (see guardOddRequests). */
    wsAccepted?: boolean
  }
}

export interface ExchangeContext {
  id: number
  client: string
  transport: Transport
}

export type AppRoutes = Hono<AppEnv>

/** Everything the routes depend on; built once by the server, replaced freely in tests. */
export interface Deps {
  config: Config
  feed: Feed
  meter: WireMeter
  exchanges: ExchangeLogs
  heartbeats: HeartbeatPool
  tickers: Tickers
  /** Each room's network conditions and their shaping proxies; whose connection a proxy's carries. */
  network: RoomNetworks
  /** True for a port this server answers on: its own and its proxies' (the Origin rule). */
  isServerPort: (port: number) => boolean
  /** Who follows which room (a ticker nobody follows stops). */
  activity: RoomActivity
  /** Sends per client and per IP address (429 past them). */
  sendLimiter: SendLimiter
  /** Streams, held requests and timers open now (gauges in /metrics). */
  live: LiveGauges
  /** Class mode's class (`--class`); undefined otherwise. */
  classroom?: Classroom
  /** Aborted when the server shuts down: streams end, long polls answer, sockets close with 1001. */
  closing: Shutdown
}
