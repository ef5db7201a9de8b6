import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { hostname } from 'node:os'
import type { Duplex } from 'node:stream'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { Classroom } from './class/classroom.ts'
import { newJoinCode } from './class/join-code.ts'
import { type Config, redacted } from './config.ts'
import { type Feed, MemoryFeed } from './feed/index.ts'
import { RedisFeed } from './feed/redis-feed.ts'
import { errorBody } from './http/errors.ts'
import { SendLimiter } from './http/rate-limit.ts'
import { Shutdown } from './http/shutdown.ts'
import { answerOnSocket, routeUpgradesThroughApp } from './http/upgrades.ts'
import { RoomActivity } from './lab/room-activity.ts'
import { Tickers } from './lab/ticker.ts'
import { lanAddresses } from './lan.ts'
import { RoomNetworks } from './net/index.ts'
import { type TlsIdentity, tlsIdentity } from './tls.ts'
import { HeartbeatPool } from './transports/heartbeat.ts'
import { ExchangeLogs } from './wire/exchange-log.ts'
import { LiveGauges } from './wire/live-gauges.ts'
import { WireMeter } from './wire/meter.ts'

/** A short poll keeps its room "followed" this long after it was answered. */
const POLL_MEMORY_MS = 30_000

/**
 * On close, how long WebSockets get to finish the close handshake (and keep-alive sockets to go
 * idle); then every WebSocket is terminated and every socket left, upgraded ones included, is
 * destroyed, so no client can hold the exit.
 */
export const SHUTDOWN_GRACE_MS = 1_500
/** HTTP sockets have nothing long-lived on them once streams and long polls have ended. */
const HTTP_GRACE_MS = 300

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
  /** With `--tls`: the certificate served (a test or a client can trust it). */
  tls?: TlsIdentity
  /** The token for whole-server actions (`Authorization: Bearer …`). */
  operatorToken: string
  /** The name in `X-Wirelab-Instance` (with a Redis store or `--instance`). */
  instance?: string
  /** Class mode's class: its code, its students, its experiments. */
  classroom?: Classroom
  /** The Hono app it serves (its route table lists every endpoint). */
  app: ReturnType<typeof createApp>
  /**
   * Graceful stop: WebSockets closed with 1001, SSE streams and long polls ended; whatever is still
   * open after SHUTDOWN_GRACE_MS is cut. Resolves once every socket is gone.
   */
  close(): Promise<void>
}

export async function startServer(options: Config): Promise<RunningServer> {
  const config = {
    ...options,
    operatorToken: options.operatorToken ?? newOperatorToken(),
    ...(options.classMode && { classCode: options.classCode ?? newJoinCode() }),
    // Instances sharing a store are told apart in each answer.
    ...(options.store &&
      options.instance === undefined && { instance: `${hostname()}-${process.pid}` }),
  }
  const feed = await openFeed(config)
  const meter = new WireMeter({ enabled: config.meter })
  const heartbeats = new HeartbeatPool(config.wsHeartbeatMs)
  // Every open stream, long poll and socket listens for shutdown.
  const closing = new Shutdown()
  const activity = new RoomActivity(feed, POLL_MEMORY_MS)
  const tickers = new Tickers(feed, {
    isFollowed: (room) => activity.isFollowed(room),
    idleStopMs: config.tickerIdleMs,
  })
  const exchanges = new ExchangeLogs()
  let server: Server | undefined
  const listeningPort = () => (server?.address() as AddressInfo | null)?.port ?? 0
  const network = new RoomNetworks({
    host: config.host,
    trustProxy: config.trustProxy,
    target: () => loopbackTarget(server?.address() as AddressInfo),
  })
  const classroom =
    config.classCode === undefined
      ? undefined
      : new Classroom(config.classCode, { feed, tickers, network, meter })
  const app = createApp({
    config,
    feed,
    meter,
    exchanges,
    heartbeats,
    tickers,
    network,
    isServerPort: (port) => port === listeningPort() || network.isProxyPort(port),
    activity,
    live: new LiveGauges(),
    sendLimiter: new SendLimiter({
      perClient: config.sendRatePerClient,
      perIp: config.sendRatePerIp,
    }),
    closing,
    ...(classroom && { classroom }),
  })
  const tls = config.tls ? await tlsIdentity(config) : undefined
  server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    ...(tls && {
      createServer: createHttpsServer,
      serverOptions: { key: tls.key, cert: tls.cert },
    }),
  }) as Server
  routeUpgradesThroughApp(server, app.fetch)
  // Every socket, upgraded ones included (the HTTP server forgets a socket once it upgrades).
  const sockets = new Set<Duplex>()
  const perIp = new Map<string, number>()
  server.on('connection', (socket: Socket) => {
    // Through a shaping proxy, the client at its far end: a class is not one address.
    const ip = network.addresses.of(socket)
    const open = (perIp.get(ip) ?? 0) + 1
    perIp.set(ip, open)
    sockets.add(socket)
    // 'close' comes once: on(), as once() would wrap the listener in two more objects per socket.
    socket.on('close', () => {
      sockets.delete(socket)
      const left = (perIp.get(ip) ?? 1) - 1
      if (left > 0) perIp.set(ip, left)
      else perIp.delete(ip)
    })
    // A trusted reverse proxy carries every client over its connections: it limits them itself.
    const limited = !network.addresses.fromTrustedProxy(socket)
    if (limited && open > config.maxConnectionsPerIp)
      refuseConnection(socket, config.maxConnectionsPerIp)
  })
  meter.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(config) : error)
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `${tls ? 'https' : 'http'}://${urlHost}:${port}`
  if (classroom) classroom.joinUrls = joinUrls(url, config.host, classroom.code)
  return {
    url,
    ...(classroom && { classroom }),
    ...(tls && { tls }),
    port,
    server,
    feed,
    meter,
    app,
    operatorToken: config.operatorToken,
    ...(config.instance !== undefined && { instance: config.instance }),
    async close() {
      closing.abort()
      classroom?.stop()
      heartbeats.stop()
      tickers.stopAll()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Streams and long polls end just after the abort; their keep-alive sockets then go idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 20)
      // Past the grace, what is left is a client that holds on: a WebSocket that never answers
      // the close frame, a half-open socket, a keep-alive with no request on it.
      // An HTTP socket still open after a short while has nothing long-lived on it any more.
      const httpCut = setTimeout(() => server.closeAllConnections(), HTTP_GRACE_MS)
      const forced = setTimeout(() => {
        for (const socket of sockets) socket.destroy()
      }, SHUTDOWN_GRACE_MS)
      await closed
      // After the server: its close frames and last answers cross the proxies first.
      await network.closeAll()
      clearInterval(sweep)
      clearTimeout(httpCut)
      clearTimeout(forced)
      await feed.close()
    },
  }
}

/** The memory log, or the shared one in Redis (reachable at start, or the start fails). */
async function openFeed(config: Config): Promise<Feed> {
  const retentionPerRoom = config.retentionPerRoom
  if (config.store === undefined) return new MemoryFeed({ retentionPerRoom })
  const feed = new RedisFeed({ url: config.store, retentionPerRoom })
  try {
    await feed.connect()
  } catch (error) {
    await feed.close()
    throw new StoreUnreachableError(config.store, error)
  }
  return feed
}

/** `--store redis://…` names a Redis that does not answer. */
export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError'

  constructor(url: string, cause: unknown) {
    super(
      `cannot reach the Redis store at ${redacted(url)} (${(cause as Error).message}): start redis-server, or leave --store out to keep the log in memory`,
    )
  }
}

/**
 * Where students join: on every LAN address when the server listens on every interface (what a
 * class needs), else on the host it listens on. The code rides along, so a QR code needs no typing.
 */
function joinUrls(url: string, host: string, code: string): string[] {
  const everywhere = host === '0.0.0.0' || host === '::'
  const addresses = everywhere ? lanAddresses() : []
  const origins =
    addresses.length === 0
      ? [url]
      : addresses.map((address) => {
          const lan = new URL(url)
          lan.hostname = address
          return lan.origin
        })
  return origins.map((origin) => `${origin}/join?code=${code}`)
}

/**
 * Where the proxies reach the server: the address it listens on, or loopback when it listens on
 * every interface.
 */
function loopbackTarget(address: AddressInfo): { host: string; port: number } {
  const any = address.address === '0.0.0.0' || address.address === '::'
  const host = any ? (address.family === 'IPv6' ? '::1' : '127.0.0.1') : address.address
  return { host, port: address.port }
}

/** 128 random bits, URL-safe: printed at start for the operator. */
function newOperatorToken(): string {
  return randomBytes(16).toString('base64url')
}

/** One IP address holds too many connections: a 503 on the spot, before any request is read. */
function refuseConnection(socket: Socket, cap: number): void {
  const body = errorBody(
    'rate_limited',
    `this address already holds ${cap} connections to the server (--max-connections-ip)`,
  )
  socket.on('error', () => {})
  void answerOnSocket(socket, 503, JSON.stringify(body), [
    ['Content-Type', 'application/json'],
    ['Retry-After', '5'],
  ])
}
