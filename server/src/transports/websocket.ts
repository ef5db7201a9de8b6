import type { Socket as TcpSocket } from 'node:net'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Hono } from 'hono'
import { type WebSocket, WebSocketServer } from 'ws'
import type { Member } from '../class/membership.ts'
import { type Follow, openFollow } from '../feed/follow.ts'
import type { Cursor } from '../feed/index.ts'
import type { AppEnv, Deps, ExchangeContext } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { intParam, param, queryCursor, queryRoom } from '../http/params.ts'
import { isUpgradeRequest } from '../http/upgrades.ts'
import type { ExchangeEvent, Message, ServerFrame } from '../protocol.ts'
import { frameEvent } from '../wire/exchange-log.ts'
import type { MeterOwner } from '../wire/meter.ts'
import { type Outbox, roomToSend } from './backpressure.ts'
import type { WsHeartbeat } from './heartbeat.ts'
import { appendFromSocket } from './socket-send.ts'
import { serverTextFrame } from './ws-frame.ts'
import { parseWsSend } from './ws-input.ts'

/**
 * WebSocket close codes this server uses itself (RFC 6455 §7.4.1, IANA registry); ws sends 1007
 * and 1009. 1013 "try again later": the client left more than --send-buffer bytes unread.
 */
export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  serverError: 1011,
  tryAgainLater: 1013,
} as const

const OPEN = 1
/** How long a dropped slow client's close frame may wait to be read before its socket goes. */
const SLOW_CLOSE_GRACE_MS = 5_000
/** A client may ask for its own ping interval (the lab's heartbeat control). */
const heartbeatParam = intParam(100, 600_000)

/**
 * WebSocket: `GET /ws` upgrades, then the server sends `hello`, the backlog after the cursor and
 * every new message; a client's `send` gets its `ack` before the `message` it produced.
 *
 * The route takes the upgrade itself (ws's `handleUpgrade`) once the middleware and its own checks
 * have passed, and serves the socket from what it read of the request: nothing of the request's
 * context lives on with the connection, so an idle WebSocket costs little more than ws's own.
 */
export function websocketRoutes(deps: Deps): Hono<AppEnv> {
  const webSockets = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: deps.config.wsFrameMaxBytes,
    // Fan-out frames are written straight to the socket (messageFrame): no extension may change them.
    perMessageDeflate: false,
  })
  const { feed, heartbeats } = deps
  return new Hono<AppEnv>().get('/ws', async (c) => {
    const request = c.env?.incoming
    if (!isUpgradeRequest(c) || !request) {
      // RFC 9110 §15.5.22: a 426 names the protocol the client must switch to.
      c.header('Upgrade', 'websocket')
      throw new ApiError(
        426,
        'bad_request',
        'GET /ws needs a WebSocket upgrade (Upgrade: websocket)',
      )
    }
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(
        400,
        'bad_request',
        'GET /ws upgrades to WebSocket only (Upgrade: websocket)',
      )
    }
    const refused = c.get('refused')
    let serve = (ws: WebSocket) => ws.close(CLOSE.policy, refused)
    if (refused === undefined) {
      const room = queryRoom(c)
      const cursor = queryCursor(c)
      const heartbeat = heartbeats.get(
        param(c, 'heartbeat', heartbeatParam, heartbeats.defaultIntervalMs),
      )
      // Read before the upgrade so a bad cursor is an HTTP 400, not a socket that closes at once.
      await feed.read(room, cursor, 0)
      const connection = {
        room,
        cursor,
        heartbeat,
        // Read now: the socket's address alone is the proxy's behind one.
        ip: deps.network.addresses.of(request.socket, request.headers['x-forwarded-for']),
        owner: c.get('meterOwner'),
        member: c.get('member'),
      }
      const exchange = c.get('exchange')
      serve = (ws) =>
        new WebSocketSession(deps, ws, request.socket as TcpSocket, connection, exchange)
    }
    c.set('wsAccepted', true)
    // A WebSocket client sends nothing before the 101, so nothing came after the request head.
    webSockets.handleUpgrade(request, request.socket, Buffer.alloc(0), (ws) => {
      ws.on('error', ignorePeerError)
      serve(ws)
    })
    return RESPONSE_ALREADY_SENT
  })
}

/**
 * ws reports a broken peer (bad UTF-8, a frame too big) here after closing with its code. Defined
 * once, out here: a listener defined inside the route would keep the route's whole scope (the
 * request among it) alive for as long as the socket lives.
 */
function ignorePeerError(): void {}

interface Connection {
  room: string
  /** Whom the per-address send limit counts this connection's sends against. */
  ip: string
  cursor: Cursor
  heartbeat: WsHeartbeat
  owner: MeterOwner
  member: Member | undefined
}

/**
 * One upgraded connection, from the 101 to its close. A class rather than closures: tsx keeps
 * function names (esbuild's keepNames), which gives every named closure its own property
 * dictionary, a cost paid per connection; methods live once, on the prototype.
 */
class WebSocketSession {
  #closedByServer = false
  #follow: Follow | undefined
  #holdLive = false
  readonly #held: Message[] = []
  /** One message at a time, after the opening: acks and messages keep their order. */
  #inbox: Promise<void> = Promise.resolve()
  readonly #goAway: () => void

  constructor(
    readonly deps: Deps,
    readonly ws: WebSocket,
    readonly socket: TcpSocket,
    readonly connection: Connection,
    readonly exchange: ExchangeContext | undefined,
  ) {
    const { meter, closing } = deps
    const id = exchange?.id ?? 0
    const handshake = meter.upgraded(
      socket,
      exchange && ((frame, direction) => this.#log(frameEvent(id, frame, direction))),
    )
    const { bytesOut: bytes, responseHead: head } = handshake
    this.#log({ at: Date.now(), kind: 'response', id, status: 101, bytes, messages: 0, head })
    this.#goAway = this.#close.bind(this, CLOSE.goingAway, 'server shutting down')
    connection.heartbeat.add(ws)
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.#queue(() => this.#receive(isBinary ? data : data.toString('utf8')))
    })
    ws.on('close', () => this.#closed())
    if (closing.aborted) {
      this.#goAway()
      return
    }
    closing.addEventListener('abort', this.#goAway)
    this.#queue(() => this.#open())
  }

  #log(event: ExchangeEvent): void {
    if (this.exchange) this.deps.exchanges.record(this.exchange.client, 'ws', event)
  }

  /** `reason`: at most 123 bytes of UTF-8 (a close frame's payload); longer is cut. */
  #close(code: number, reason: string): void {
    this.#closedByServer = true
    this.ws.close(code, closeReason(reason))
  }

  /** Its close frame waits behind what it left unread: if it never reads it, the socket goes. */
  #dropSlowClient(): void {
    this.deps.meter.count(this.connection.owner, 'slowDrops', 1)
    this.#close(CLOSE.tryAgainLater, 'too slow: send buffer full')
    const ws = this.ws
    setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref()
  }

  /** False when the frame must not go: the socket is closing, or the client was dropped. */
  #mayWrite(): boolean {
    if (this.ws.readyState !== OPEN) return false
    // A client that stops reading must not grow the server: past the bound it is dropped and
    // resumes from its cursor (its close frame waits behind what it left unread).
    if (this.ws.bufferedAmount <= this.deps.config.sendBufferMaxBytes) return true
    this.#dropSlowClient()
    return false
  }

  #send(frame: ServerFrame): void {
    if (this.#mayWrite()) this.ws.send(JSON.stringify(frame))
  }

  #sendMessage(message: Message): void {
    if (!this.#mayWrite()) return
    this.deps.meter.writeMessageFrame(this.socket, this.connection.owner, messageFrame(message))
  }

  async #open(): Promise<void> {
    const { feed, config } = this.deps
    const follow = await openFollow(feed, this.connection.room, this.connection.cursor)
    // Gone while the store answered: nothing will stop this follow later.
    if (this.ws.readyState !== OPEN) return follow.stop()
    this.#follow = follow
    const { epoch, head, reset, gap, messages } = follow.backlog
    const { instance } = config
    this.#send({
      type: 'hello',
      epoch,
      head,
      ...(reset && { reset }),
      ...(gap && { gap }),
      ...(instance !== undefined && { instance }),
    })
    // The backlog can be far larger than the send buffer: it goes out as the client takes it
    // (live messages wait in the follow meanwhile), so only a client that stops reading is
    // dropped, never one that resumes from far behind.
    for (const message of messages) {
      const taken = await roomToSend(outboxOf(this.ws), config.sendBufferMaxBytes / 2)
      if (this.ws.readyState !== OPEN) return
      if (!taken) return this.#dropSlowClient()
      this.#sendMessage(message)
    }
    follow.start(
      (message) => {
        if (this.#holdLive) this.#held.push(message)
        else this.#sendMessage(message)
      },
      (reason) => this.#close(CLOSE.tryAgainLater, reason),
    )
  }

  async #receive(data: unknown): Promise<void> {
    const { feed, sendLimiter } = this.deps
    this.#holdLive = true
    try {
      const { room, owner, member } = this.connection
      const from = { room, ip: this.connection.ip, client: owner.client, member }
      this.#send(await appendFromSocket({ feed, sendLimiter }, from, parseWsSend(data)))
    } finally {
      this.#holdLive = false
      for (const message of this.#held.splice(0)) this.#sendMessage(message)
    }
  }

  #queue(step: () => Promise<void>): void {
    this.#inbox = this.#inbox.then(step).catch((error: unknown) => {
      // The store went out of reach between the upgrade and the backlog: come back later.
      if (error instanceof ApiError && error.status === 503) {
        return this.#close(CLOSE.tryAgainLater, 'store unavailable')
      }
      console.error('websocket handler failed:', error)
      this.#close(CLOSE.serverError, 'internal error')
    })
  }

  #closed(): void {
    const { meter, closing } = this.deps
    const by = this.#closedByServer || meter.wasKilled(this.socket) ? 'server' : 'client'
    this.#log({ at: Date.now(), kind: 'closed', id: this.exchange?.id ?? 0, by })
    this.#follow?.stop()
    this.connection.heartbeat.remove(this.ws)
    closing.removeEventListener('abort', this.#goAway)
  }
}

/** A ws socket as the backlog's wait sees it. */
const outboxOf = (socket: WebSocket): Outbox => ({
  pendingBytes: () => socket.bufferedAmount,
  isOpen: () => socket.readyState === OPEN,
})

/**
 * A message's whole frame, serialised, encoded and framed once however many sockets of its room it
 * goes to. It is written straight to each socket, one write, between ws's own frames: this server
 * uses no extension (no permessage-deflate), so ws never holds frames back in a queue of its own.
 */
const messageFrames = new WeakMap<Message, Buffer>()

function messageFrame(message: Message): Buffer {
  let frame = messageFrames.get(message)
  if (frame === undefined) {
    const payload = JSON.stringify({ type: 'message', message } satisfies ServerFrame)
    frame = serverTextFrame(Buffer.from(payload))
    messageFrames.set(message, frame)
  }
  return frame
}

/** A close frame's reason holds at most 123 bytes; ws throws past it. Cut on a character. */
export function closeReason(text: string): string {
  let reason = text
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return reason
}
