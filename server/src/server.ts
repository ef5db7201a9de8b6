import { setMaxListeners } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app.ts'
import type { Config } from './config.ts'
import { type Feed, MemoryFeed } from './feed/index.ts'
import { refuseUnreadableHandshake } from './http/upgrades.ts'
import { RoomActivity } from './lab/room-activity.ts'
import { Tickers } from './lab/ticker.ts'
import { HeartbeatPool } from './transports/heartbeat.ts'
import { ExchangeLogs } from './wire/exchange-log.ts'
import { LiveGauges } from './wire/live-gauges.ts'
import { WireMeter } from './wire/meter.ts'

/** A short poll keeps its room "followed" this long after it was answered. */
const POLL_MEMORY_MS = 30_000

/** A started wirelab server. */
/** The port is taken (by another program, or a wirelab already running). */
export class PortInUseError extends Error {
  override name = 'PortInUseError'
  readonly code = 'EADDRINUSE'

  constructor(config: Pick<Config, 'host' | 'port'>) {
    super(`port ${config.port} on ${config.host} is in use; try --port ${config.port + 1}`)
  }
}

export interface RunningServer {
  url: string
  port: number
  server: Server
  feed: Feed
  meter: WireMeter
  /** The Hono app it serves (its route table lists every endpoint). */
  app: ReturnType<typeof createApp>
  /** Graceful stop: WebSockets closed with 1001, SSE streams and long polls ended, then closed. */
  close(): Promise<void>
}

export async function startServer(config: Config): Promise<RunningServer> {
  const feed = new MemoryFeed({ retentionPerRoom: config.retentionPerRoom })
  const meter = new WireMeter()
  const heartbeats = new HeartbeatPool(config.wsHeartbeatMs)
  const closing = new AbortController()
  // Every open stream and long poll listens for shutdown.
  setMaxListeners(0, closing.signal)
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.wsFrameMaxBytes })
  const activity = new RoomActivity(feed, POLL_MEMORY_MS)
  const tickers = new Tickers(feed, {
    isFollowed: (room) => activity.isFollowed(room),
    idleStopMs: config.tickerIdleMs,
  })
  const exchanges = new ExchangeLogs()
  const app = createApp({
    config,
    feed,
    meter,
    exchanges,
    heartbeats,
    tickers,
    activity,
    live: new LiveGauges(),
    closing: closing.signal,
  })
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    websocket: { server: wss },
  }) as Server
  server.prependListener('upgrade', refuseUnreadableHandshake)
  meter.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(config) : error)
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    url: `http://${urlHost}:${port}`,
    port,
    server,
    feed,
    meter,
    app,
    async close() {
      closing.abort()
      heartbeats.stop()
      tickers.stopAll()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Streams and long polls end just after the abort; their keep-alive sockets then go idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 20)
      // Nothing long-lived is left after the abort; a socket still open after a short grace is one
      // a client keeps without a request on it, and would hold the exit for its keep-alive timeout.
      const forced = setTimeout(() => server.closeAllConnections(), 300)
      await closed
      clearInterval(sweep)
      clearTimeout(forced)
    },
  }
}
