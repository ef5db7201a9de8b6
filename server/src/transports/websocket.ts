import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server'
import { Hono } from 'hono'
import type { WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { type Follow, openFollow } from '../feed/follow.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { intParam, param, queryCursor, queryRoom } from '../http/params.ts'
import type { ExchangeEvent, Message, ServerFrame } from '../protocol.ts'
import { frameEvent } from '../wire/exchange-log.ts'
import { type Outbox, roomToSend } from './backpressure.ts'
import { appendFromSocket } from './socket-send.ts'
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

type Socket = WSContext<WebSocketLike>

/**
 * WebSocket: `GET /ws` upgrades, then the server sends `hello`, the backlog after the cursor and
 * every new message; a client's `send` gets its `ack` before the `message` it produced.
 */
export function websocketRoutes(deps: Deps): Hono<AppEnv> {
  const { feed, meter, exchanges, heartbeats, config, sendLimiter, closing } = deps
  return new Hono<AppEnv>().get(
    '/ws',
    upgradeWebSocket(async (c) => {
      if (c.get('tokenRefused')) {
        c.set('wsAccepted', true)
        return {
          onOpen(_event, ws) {
            ws.close(CLOSE.policy, 'this server wants its token: ?token=<token>')
          },
        }
      }
      const room = queryRoom(c)
      const cursor = queryCursor(c)
      const heartbeat = heartbeats.get(
        param(c, 'heartbeat', heartbeatParam, heartbeats.defaultIntervalMs),
      )
      // Read before the upgrade so a bad cursor is an HTTP 400, not a socket that closes at once.
      await feed.read(room, cursor, 0)
      const owner = c.get('meterOwner')
      const exchange = c.get('exchange')
      const log = (event: ExchangeEvent) => {
        if (exchange) exchanges.record(exchange.client, 'ws', event)
      }
      let closedByServer = false
      const socket = c.env?.incoming?.socket
      let follow: Follow | undefined
      let holdLive = false
      const held: Message[] = []
      // One message at a time, after the opening: acks and messages keep their order.
      let inbox: Promise<void> = Promise.resolve()
      const onClosing = (ws: Socket) => () => {
        closedByServer = true
        ws.close(CLOSE.goingAway, 'server shutting down')
      }
      let stopClosing = () => {}

      // Its close frame waits behind what it left unread: if it never reads it, the socket goes.
      const dropSlowClient = (raw: WebSocket) => {
        closedByServer = true
        meter.count(owner, 'slowDrops', 1)
        raw.close(CLOSE.tryAgainLater, 'too slow: send buffer full')
        setTimeout(() => raw.terminate(), SLOW_CLOSE_GRACE_MS).unref()
      }

      /** False when the frame must not go: the socket is closing, or the client was dropped. */
      const mayWrite = (raw: WebSocket) => {
        if (raw.readyState !== OPEN) return false
        // A client that stops reading must not grow the server: past the bound it is dropped and
        // resumes from its cursor (its close frame waits behind what it left unread).
        if (raw.bufferedAmount <= config.sendBufferMaxBytes) return true
        dropSlowClient(raw)
        return false
      }
      const send = (ws: Socket, frame: ServerFrame) => {
        const raw = ws.raw as WebSocket
        if (mayWrite(raw)) raw.send(JSON.stringify(frame))
      }
      const sendMessage = (ws: Socket, message: Message) => {
        const raw = ws.raw as WebSocket
        if (!mayWrite(raw)) return
        meter.count(owner, 'messages', 1)
        raw.send(messageFrame(message), TEXT)
      }

      const open = async (ws: Socket) => {
        heartbeat.add(ws.raw as WebSocket)
        const goAway = onClosing(ws)
        if (closing.aborted) return goAway()
        closing.addEventListener('abort', goAway, { once: true })
        stopClosing = () => closing.removeEventListener('abort', goAway)
        follow = await openFollow(feed, room, cursor)
        const { epoch, head, reset, gap, messages } = follow.backlog
        send(ws, { type: 'hello', epoch, head, ...(reset && { reset }), ...(gap && { gap }) })
        // The backlog can be far larger than the send buffer: it goes out as the client takes it
        // (live messages wait in the follow meanwhile), so only a client that stops reading is
        // dropped, never one that resumes from far behind.
        for (const message of messages) {
          const taken = await roomToSend(
            outboxOf(ws.raw as WebSocket),
            config.sendBufferMaxBytes / 2,
          )
          if (ws.readyState !== OPEN) return
          if (!taken) return dropSlowClient(ws.raw as WebSocket)
          sendMessage(ws, message)
        }
        follow.start((message) => {
          if (holdLive) held.push(message)
          else sendMessage(ws, message)
        })
      }

      const receive = async (ws: Socket, data: unknown) => {
        holdLive = true
        try {
          const from = { room, ip: socket?.remoteAddress ?? 'unknown', client: owner.client }
          send(ws, await appendFromSocket({ feed, sendLimiter }, from, parseWsSend(data)))
        } finally {
          holdLive = false
          for (const message of held.splice(0)) sendMessage(ws, message)
        }
      }

      const queue = (ws: Socket, step: () => Promise<void>) => {
        inbox = inbox.then(step).catch((error: unknown) => {
          console.error('websocket handler failed:', error)
          closedByServer = true
          ws.close(CLOSE.serverError, 'internal error')
        })
      }

      c.set('wsAccepted', true)
      return {
        onOpen(_event, ws) {
          if (socket) {
            const id = exchange?.id ?? 0
            const handshake = meter.upgraded(
              socket,
              exchange && ((frame, direction) => log(frameEvent(id, frame, direction))),
            )
            const { bytesOut: bytes, responseHead: head } = handshake
            log({ at: Date.now(), kind: 'response', id, status: 101, bytes, messages: 0, head })
          }
          queue(ws, () => open(ws))
        },
        onMessage(event, ws) {
          queue(ws, () => receive(ws, event.data))
        },
        onClose(_event, ws) {
          const by = closedByServer || (socket && meter.wasKilled(socket)) ? 'server' : 'client'
          log({ at: Date.now(), kind: 'closed', id: exchange?.id ?? 0, by })
          follow?.stop()
          heartbeat.remove(ws.raw as WebSocket)
          stopClosing()
        },
      }
    }),
    (c) => {
      // RFC 9110 §15.5.22: a 426 names the protocol the client must switch to.
      c.header('Upgrade', 'websocket')
      throw new ApiError(
        426,
        'bad_request',
        'GET /ws needs a WebSocket upgrade (Upgrade: websocket)',
      )
    },
  )
}

/** A ws socket as the backlog's wait sees it. */
const outboxOf = (socket: WebSocket): Outbox => ({
  pendingBytes: () => socket.bufferedAmount,
  isOpen: () => socket.readyState === OPEN,
})

/**
 * A message's frame payload, serialised and encoded once however many sockets of its room it goes
 * to (sent as text: ws frames it without copying it, and the meter sees no string to encode).
 */
const messageFrames = new WeakMap<Message, Buffer>()
const TEXT = { binary: false } as const

function messageFrame(message: Message): Buffer {
  let payload = messageFrames.get(message)
  if (payload === undefined) {
    payload = Buffer.from(JSON.stringify({ type: 'message', message } satisfies ServerFrame))
    messageFrames.set(message, payload)
  }
  return payload
}
