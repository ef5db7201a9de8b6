import type { Socket } from 'socket.io'
import { JOIN_REQUIRED, memberOfRequest } from '../class/membership.ts'
import { type Follow, openFollow } from '../feed/follow.ts'
import type { Cursor } from '../feed/index.ts'
import type { Deps } from '../http/app-env.ts'
import { describeIssue } from '../http/body.ts'
import { ApiError } from '../http/errors.ts'
import { sameSecret } from '../http/secrets.ts'
import { carriesToken } from '../http/token.ts'
import {
  clientIdSchema,
  DEFAULT_ROOM,
  type ErrorCode,
  type Message,
  SOCKETIO_NAMESPACE,
  type SocketIoAck,
  socketIoAuthSchema,
  socketIoSendSchema,
} from '../protocol.ts'
import type { MeterOwner } from '../wire/meter.ts'
import { type Outbox, roomToSend } from './backpressure.ts'
import { appendFromSocket, type SendInput } from './socket-send.ts'

/** How long a dropped slow client's transport may take to close before it is cut. */
const SLOW_CLOSE_GRACE_MS = 5_000

/** What the handshake leaves on a socket for its connection. */
interface FeedSocketData {
  room: string
  cursor: Cursor
  owner: MeterOwner
}

type FeedSocket = Socket

/** A refusal the client reads in `connect_error` (`err.message`, `err.data.code`). */
function refusal(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code } })
}

/**
 * The namespace's handshake: the server's `--token` (in `auth.token`, or as the other transports
 * carry it), then the room and cursor of `auth`, read once so a bad cursor is refused here.
 */
export async function socketIoHandshake(
  deps: Deps,
  socket: FeedSocket,
): Promise<Error | undefined> {
  const { token } = deps.config
  const auth = socketIoAuthSchema.safeParse(socket.handshake.auth)
  if (!auth.success) return refusal('bad_request', `auth ${describeIssue(auth.error)}`)
  const given = auth.data.token
  if (token !== undefined && !sameSecret(given, token) && !carriesToken(socket.request)) {
    return refusal(
      'unauthorized',
      given === undefined
        ? 'this server wants its token: auth: { token }, or ?token=<token>'
        : 'this token is not the server’s',
    )
  }
  if (deps.classroom && !memberOfRequest(socket.request)) {
    return refusal('class_join_required', JOIN_REQUIRED)
  }
  const client = clientIdSchema.safeParse(socket.handshake.query.client)
  const room = auth.data.room ?? DEFAULT_ROOM
  const { since = 0, epoch } = auth.data
  const cursor: Cursor = epoch === undefined ? { since } : { since, epoch }
  try {
    await deps.feed.read(room, cursor, 0)
  } catch (error) {
    // The store out of reach is not the client's fault: a refusal here would stop its reconnecting
    // for good. Let it in; its opening fails and closes the transport, and it comes back.
    if (!(error instanceof ApiError && error.status === 503)) {
      return refusal('bad_request', (error as Error).message)
    }
  }
  const owner: MeterOwner = { category: 'socketio', ...(client.success && { client: client.data }) }
  socket.data = { room, cursor, owner } satisfies FeedSocketData
  return undefined
}

/** Checks one `send` event's payload. */
function parseSend(payload: unknown): SendInput {
  const result = socketIoSendSchema.safeParse(payload)
  if (!result.success)
    return { ok: false, code: 'bad_request', message: describeIssue(result.error) }
  return { ok: true, value: result.data }
}

/**
 * One connection of the `/feed` namespace: `hello`, the backlog after its cursor, then every new
 * message; a `send` is acknowledged (its callback) before the `message` it produced.
 */
export function serveFeedSocket(deps: Deps, socket: FeedSocket): void {
  const { feed, meter, config } = deps
  const { room, cursor, owner } = socket.data as FeedSocketData
  const conn = socket.conn
  const outbox: Outbox = {
    pendingBytes: () => pendingBytes(conn),
    isOpen: () => socket.connected,
  }
  let follow: Follow | undefined
  let gone = false
  let holdLive = false
  const held: Message[] = []
  // One event at a time, after the opening: acks and messages keep their order.
  let inbox: Promise<void> = Promise.resolve()

  const dropSlowClient = () => {
    meter.count(owner, 'slowDrops', 1)
    // The client sees its transport close and reconnects from its cursor.
    conn.close(true)
    setTimeout(() => transportSocket(conn)?.terminate?.(), SLOW_CLOSE_GRACE_MS).unref()
  }

  const deliver = (message: Message) => {
    if (!socket.connected) return
    if (pendingBytes(conn) > config.sendBufferMaxBytes) return dropSlowClient()
    meter.count(owner, 'messages', 1)
    conn.write(messagePacket(message))
  }

  const open = async () => {
    follow = await openFollow(feed, room, cursor)
    if (gone) return follow.stop()
    const { epoch, head, reset, gap, messages } = follow.backlog
    const { instance } = config
    socket.emit('hello', {
      epoch,
      head,
      ...(reset && { reset }),
      ...(gap && { gap }),
      ...(instance !== undefined && { instance }),
    })
    for (const message of messages) {
      const taken = await roomToSend(outbox, config.sendBufferMaxBytes / 2)
      if (!socket.connected) return
      if (!taken) return dropSlowClient()
      deliver(message)
    }
    // On a break the transport closes: the client reconnects by itself from its cursor.
    follow.start(
      (message) => {
        if (holdLive) held.push(message)
        else deliver(message)
      },
      () => conn.close(true),
    )
  }

  const receive = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') {
      socket.emit('error', {
        code: 'bad_request',
        message: 'send needs an acknowledgement: socket.emit("send", message, (reply) => …)',
      })
      return
    }
    holdLive = true
    try {
      const from = {
        room,
        ip: deps.network.addresses.of(
          socket.request.socket,
          socket.request.headers['x-forwarded-for'],
        ),
        client: owner.client,
        member: memberOfRequest(socket.request),
      }
      const reply = await appendFromSocket(deps, from, parseSend(payload))
      let answer: SocketIoAck
      if (reply.type === 'ack') {
        const { type: _, ...seq } = reply
        answer = seq
      } else {
        answer = { error: { code: reply.code, message: reply.message } }
      }
      ack(answer)
    } finally {
      holdLive = false
      for (const message of held.splice(0)) deliver(message)
    }
  }

  const queue = (step: () => Promise<void>) => {
    inbox = inbox.then(step).catch((error: unknown) => {
      // The store went out of reach before the backlog: the client reconnects by itself.
      if (error instanceof ApiError && error.status === 503) return conn.close(true)
      console.error('socket.io handler failed:', error)
      socket.disconnect(true)
    })
  }

  socket.once('disconnect', () => {
    gone = true
    follow?.stop()
  })
  socket.on('send', (payload: unknown, ack: unknown) => queue(() => receive(payload, ack)))
  queue(open)
}

/** What Engine.IO holds for the client and what its WebSocket has not yet sent. */
function pendingBytes(conn: Socket['conn']): number {
  let bytes = transportSocket(conn)?.bufferedAmount ?? 0
  // Engine.IO's queue of packets for the next poll or WebSocket write (not in its typings).
  for (const packet of (conn as unknown as { writeBuffer: { data?: unknown }[] }).writeBuffer) {
    if (typeof packet.data === 'string') bytes += packet.data.length
  }
  return bytes
}

/** The ws socket under Engine.IO's WebSocket transport (none while it polls). */
function transportSocket(
  conn: Socket['conn'],
): { bufferedAmount?: number; terminate?(): void } | undefined {
  return (conn.transport as { socket?: { bufferedAmount?: number; terminate?(): void } }).socket
}

/**
 * A message's Socket.IO packet (protocol v5: `2` EVENT, the namespace, the JSON arguments; Engine.IO
 * adds its `4`), encoded once however many sockets of its room it goes to.
 */
const messagePackets = new WeakMap<Message, string>()

function messagePacket(message: Message): string {
  let packet = messagePackets.get(message)
  if (packet === undefined) {
    packet = `2${SOCKETIO_NAMESPACE},${JSON.stringify(['message', message])}`
    messagePackets.set(message, packet)
  }
  return packet
}
