import type { HttpBindings } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Config } from '../config.ts'
import type { Feed } from '../feed/index.ts'
import type { Tickers } from '../lab/ticker.ts'
import type { WsHeartbeat } from '../transports/heartbeat.ts'
import type { MeterOwner, WireMeter } from '../wire/meter.ts'

/** What a Hono handler of this app can read from its context. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
  Variables: { meterOwner: MeterOwner }
}

export type AppRoutes = Hono<AppEnv>

/** Everything the routes depend on; built once by the server, replaced freely in tests. */
export interface Deps {
  config: Config
  feed: Feed
  meter: WireMeter
  heartbeat: WsHeartbeat
  tickers: Tickers
  /** Aborted when the server shuts down: streams end, long polls answer, sockets close with 1001. */
  closing: AbortSignal
}
