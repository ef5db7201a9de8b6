import type { IncomingMessage } from 'node:http'
import type { Socket as TcpSocket } from 'node:net'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Server as EngineServer } from 'engine.io'
import { Hono } from 'hono'
import { Server as SocketIoServer } from 'socket.io'
import { memberOfRequest, sameMember } from '../class/membership.ts'
import type { AppEnv, Deps, ExchangeContext } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { isAllowedOrigin, refuseOrigin } from '../http/origin.ts'
import { isUpgradeRequest } from '../http/upgrades.ts'
import { INSTANCE_HEADER, SOCKETIO_NAMESPACE, SOCKETIO_PATH } from '../protocol.ts'
import { frameEvent } from '../wire/exchange-log.ts'
import { serveFeedSocket, socketIoHandshake } from './socketio-feed.ts'

/**
 * Socket.IO (the page's optional fifth panel): Socket.IO's own server on Engine.IO, reached through
 * this app like every other transport, so the meter, the exchange log, the Origin check and the
 * upgrade guard see its polling requests and its upgrade. The feed is the `/feed` namespace.
 */
export function socketIoRoutes(deps: Deps): Hono<AppEnv> {
  const { config, meter, exchanges, closing } = deps
  // Not attached to the HTTP server: the route below hands it its requests (the path is ours).
  const engine = new EngineServer({ maxHttpBufferSize: config.wsFrameMaxBytes })
  const io = new SocketIoServer({ path: SOCKETIO_PATH, serveClient: false })
  io.bind(engine)
  io.of('/').use((_socket, next) => {
    next(new Error(`this server serves the feed on the ${SOCKETIO_NAMESPACE} namespace`))
  })
  const feed = io.of(SOCKETIO_NAMESPACE)
  feed.use((socket, next) => {
    void socketIoHandshake(deps, socket).then(next)
  })
  feed.on('connection', (socket) => serveFeedSocket(deps, socket))
  closing.addEventListener('abort', () => void io.close())

  // Class mode: the first request of each Engine.IO session, by its id, while it lasts.
  const openers = new Map<string, IncomingMessage>()
  if (deps.classroom) {
    engine.on(
      'connection',
      (session: {
        id: string
        request: IncomingMessage
        on: (event: 'close', listener: () => void) => void
      }) => {
        openers.set(session.id, session.request)
        session.on('close', () => openers.delete(session.id))
      },
    )
  }

  // ws announces its 101 ("headers") right before writing it: that write ends the handshake.
  const upgrading = new WeakMap<IncomingMessage, () => void>()
  // Engine.IO writes its answers itself: the instance's name goes in through its hook.
  const { instance } = config
  engine.on('headers', (headers: Record<string, string>, request: IncomingMessage) => {
    if (instance !== undefined) headers[INSTANCE_HEADER] = instance
    upgrading.get(request)?.()
  })

  const upgrade = (request: IncomingMessage, exchange: ExchangeContext | undefined) => {
    const socket = request.socket as TcpSocket
    const log = (event: Parameters<typeof exchanges.record>[2]) => {
      if (exchange) exchanges.record(exchange.client, 'socketio', event)
    }
    const id = exchange?.id ?? 0
    upgrading.set(request, () =>
      afterNextWrite(socket, () => {
        const handshake = meter.upgraded(socket, (frame, direction) =>
          log(frameEvent(id, frame, direction)),
        )
        const { bytesOut: bytes, responseHead: head } = handshake
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 101)
        log({ at: Date.now(), kind: 'response', id, status, bytes, messages: 0, head })
      }),
    )
    socket.once('close', () => {
      const by = meter.wasKilled(socket) ? 'server' : 'client'
      log({ at: Date.now(), kind: 'closed', id, by })
    })
    // A WebSocket client sends nothing before the 101, so nothing came after the request head.
    engine.handleUpgrade(request, socket, Buffer.alloc(0))
  }

  return new Hono<AppEnv>().all(`${SOCKETIO_PATH}*`, (c) => {
    const request = c.env?.incoming
    const response = c.env?.outgoing
    if (!request) throw new ApiError(404, 'not_found', 'Socket.IO needs a real HTTP connection')
    // In a class, an Engine.IO session is the member's who opened it: its id (?sid=) is no key.
    const sid = c.req.query('sid')
    const opener = sid === undefined ? undefined : openers.get(sid)
    if (opener && !sameMember(memberOfRequest(opener), c.get('member'))) {
      throw new ApiError(
        403,
        'forbidden',
        'this Socket.IO session belongs to another member of the class',
      )
    }
    if (isUpgradeRequest(c)) {
      // guardOddRequests has checked the Origin; a refusal from Engine.IO is written by it.
      c.set('wsAccepted', true)
      upgrade(request, c.get('exchange'))
      return RESPONSE_ALREADY_SENT
    }
    const origin = c.req.header('origin')
    if (!isAllowedOrigin(origin, c.req.header('host'), config.allowOrigins, deps.isServerPort)) {
      throw refuseOrigin(origin ?? '')
    }
    if (response) {
      // Its refusals too (400 "Session ID unknown"), which its headers hook does not see.
      if (config.instance !== undefined) response.setHeader(INSTANCE_HEADER, config.instance)
      engine.handleRequest(request, response)
    }
    return RESPONSE_ALREADY_SENT
  })
}

/** Runs `then` right after the next write on `socket` has been handed to it. */
function afterNextWrite(socket: TcpSocket, then: () => void): void {
  const write = socket.write
  socket.write = function writeOnce(this: TcpSocket, ...args: unknown[]): boolean {
    socket.write = write
    const flushed = (write as (...args: unknown[]) => boolean).apply(this, args)
    then()
    return flushed
  } as TcpSocket['write']
}
