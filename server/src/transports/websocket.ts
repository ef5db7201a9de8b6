import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server'
import { Hono } from 'hono'
import type { WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { type Follow, openFollow } from '../feed/follow.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { intParam, param, queryCursor, queryRoom } from '../http/params.ts'
import { rateLimitedMessage } from '../http/rate-limit.ts'
import type { ExchangeEvent, Message, ServerFrame } from '../protocol.ts'
import { frameEvent } from '../wire/exchange-log.ts'
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
/** A client that reads nothing of its backlog for this long has stopped reading: it is dropped. */
const STALLED_MS = 10_000
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
  const { feed, meter, exchanges, heartbeats, config, sendLimiter, closing, network } = deps
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
      const dropSlowClient = (ws: Socket) => {
        closedByServer = true
        meter.count(owner, 'slowDrops', 1)
        ws.close(CLOSE.tryAgainLater, 'too slow: send buffer full')
        setTimeout(() => (ws.raw as WebSocket).terminate(), SLOW_CLOSE_GRACE_MS).unref()
      }

      const send = (ws: Socket, frame: ServerFrame) => {
        if (ws.readyState !== OPEN) return
        // A client that stops reading must not grow the server: past the bound it is dropped and
        // resumes from its cursor (its close frame waits behind what it left unread).
        if ((ws.raw as WebSocket).bufferedAmount > config.sendBufferMaxBytes) {
          return dropSlowClient(ws)
        }
        if (frame.type === 'message') meter.count(owner, 'messages', 1)
        ws.send(frame.type === 'message' ? messageFrame(frame.message) : JSON.stringify(frame))
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
          const taken = await roomToSend(ws.raw as WebSocket, config.sendBufferMaxBytes / 2)
          if (ws.readyState !== OPEN) return
          if (!taken) return dropSlowClient(ws)
          send(ws, { type: 'message', message })
        }
        follow.start((message) => {
          if (holdLive) held.push(message)
          else send(ws, { type: 'message', message })
        })
      }

      const receive = async (ws: Socket, data: unknown) => {
        const input = parseWsSend(data)
        if (!input.ok) return send(ws, { type: 'error', code: input.code, message: input.message })
        const waitMs = sendLimiter.check(network.addresses.of(socket), owner.client)
        if (waitMs > 0) {
          return send(ws, {
            type: 'error',
            code: 'rate_limited',
            message: rateLimitedMessage(waitMs),
          })
        }
        holdLive = true
        try {
          const { type: _, ...chat } = input.value
          const { message } = await feed.append(room, { kind: 'chat', ...chat })
          const { clientMsgId } = chat
          send(ws, {
            type: 'ack',
            ...(clientMsgId && { clientMsgId }),
            seq: message.seq,
            ts: message.ts,
          })
        } catch (error) {
          if (!(error instanceof ApiError)) throw error
          send(ws, { type: 'error', code: error.code, message: error.message })
        } finally {
          holdLive = false
          for (const message of held.splice(0)) send(ws, { type: 'message', message })
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
            const handshake = meter.upgraded(socket, (frame, direction) =>
              log(frameEvent(id, frame, direction)),
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

/**
 * Resolves with true once the client has taken enough of what was sent (`bufferedAmount` ≤
 * `bytes`), or with false when it has taken nothing for STALLED_MS: a client that stopped reading.
 */
async function roomToSend(socket: WebSocket, bytes: number): Promise<boolean> {
  let last = socket.bufferedAmount
  let stillSince = Date.now()
  while (socket.readyState === OPEN && socket.bufferedAmount > bytes) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (socket.bufferedAmount < last) stillSince = Date.now()
    else if (Date.now() - stillSince > STALLED_MS) return false
    last = socket.bufferedAmount
  }
  return true
}

/** A message's frame text, made once however many sockets of its room it goes to. */
const messageFrames = new WeakMap<Message, string>()

function messageFrame(message: Message): string {
  let text = messageFrames.get(message)
  if (text === undefined) {
    text = JSON.stringify({ type: 'message', message } satisfies ServerFrame)
    messageFrames.set(message, text)
  }
  return text
}
