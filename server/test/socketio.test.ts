import { Agent } from 'node:http'
import type { Socket as TcpSocket } from 'node:net'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { ExchangeLog, KillResult, Message, SocketIoAck } from '../src/protocol.ts'
import {
  appendMany,
  eventually,
  getJson,
  getStats,
  onCleanup,
  post,
  range,
  startTestServer,
} from './harness.ts'

interface FeedClient {
  socket: Socket
  hellos: { epoch: string; head: number; reset?: true; gap?: true }[]
  seqs: number[]
  /** Every event in arrival order: `hello`, `message 7`, `ack 7`. */
  order: string[]
  /** The Node client's own TCP sockets: what really crossed the wire. */
  tcp: TcpSocket[]
}

/** An agent that remembers the TCP sockets it opens (polling requests and the upgrade). */
class CountingAgent extends Agent {
  readonly sockets_: TcpSocket[] = []
  override createConnection(...args: Parameters<Agent['createConnection']>) {
    const socket = super.createConnection(...args) as TcpSocket
    this.sockets_.push(socket)
    return socket
  }
}

/**
 * A Socket.IO client of the feed as the page runs it: its cursor in `auth`, read again on every
 * reconnection, so a resume asks for exactly what it lacks.
 */
function openFeed(
  url: string,
  client: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
  room = 'lobby',
): FeedClient {
  const agent = new CountingAgent({ keepAlive: true })
  const feed: FeedClient = {
    socket: undefined as unknown as Socket,
    hellos: [],
    seqs: [],
    order: [],
    tcp: agent.sockets_,
  }
  let epoch: string | undefined
  let since = 0
  feed.socket = io(`${url}/feed`, {
    query: { client },
    auth: (send) => send({ room, since, ...(epoch && { epoch }) }),
    agent: agent as unknown as string,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...options,
  })
  feed.socket.on('hello', (hello: FeedClient['hellos'][number]) => {
    epoch = hello.epoch
    feed.hellos.push(hello)
    feed.order.push('hello')
  })
  feed.socket.on('message', (message: Message) => {
    since = message.seq
    feed.seqs.push(message.seq)
    feed.order.push(`message ${message.seq}`)
  })
  onCleanup(() => {
    feed.socket.disconnect()
    agent.destroy()
  })
  return feed
}

function sendThrough(feed: FeedClient, payload: unknown): Promise<SocketIoAck> {
  return new Promise((resolve) =>
    feed.socket.emit('send', payload, (ack: SocketIoAck) => {
      if ('seq' in ack) feed.order.push(`ack ${ack.seq}`)
      resolve(ack)
    }),
  )
}

function connectError(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve) => socket.once('connect_error', resolve))
}

describe('Socket.IO: the /feed namespace', () => {
  it('sends hello, the backlog after the auth cursor, then live messages', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 3)
    const feed = openFeed(url, 'sio-a')
    await eventually(() => expect(feed.seqs).toEqual([1, 2, 3]))
    expect(feed.hellos).toMatchObject([{ head: 3 }])
    await appendMany(url, 2, 'lobby', 4)
    await eventually(() => expect(feed.seqs).toEqual([1, 2, 3, 4, 5]))
  })

  it('resumes after the lab drops its connection: nothing lost, nothing twice', async () => {
    const { url } = await startTestServer()
    const feed = openFeed(url, 'sio-kill')
    await eventually(() => expect(feed.hellos).toHaveLength(1))
    // Upgraded to WebSocket first, so the drop cuts the socket the messages flow on.
    await eventually(() => expect(feed.socket.io.engine.transport.name).toBe('websocket'))
    await appendMany(url, 5)
    await eventually(() => expect(feed.seqs).toHaveLength(5))
    const kill = await fetch(`${url}/api/lab/kill?client=sio-kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client: 'sio-kill', transport: 'socketio' }),
    })
    // The WebSocket, and the idle keep-alive connections its polling used before the upgrade.
    const result = (await kill.json()) as KillResult
    expect(result.connections.filter((conn) => conn.busy)).toHaveLength(1)
    // Appended while the client is away: its next hello's backlog carries them.
    await appendMany(url, 5, 'lobby', 6)
    await eventually(() => expect(feed.hellos).toHaveLength(2))
    await appendMany(url, 2, 'lobby', 11)
    await eventually(() => expect(feed.seqs).toEqual(range(1, 12)))
    expect(feed.hellos[1]).not.toHaveProperty('reset')
  })

  it('acknowledges a send before the message it produced', async () => {
    const { url } = await startTestServer()
    const feed = openFeed(url, 'sio-send')
    await eventually(() => expect(feed.hellos).toHaveLength(1))
    const ack = await sendThrough(feed, { user: 'ana', text: 'olá', clientMsgId: 'c-1' })
    expect(ack).toMatchObject({ seq: 1, clientMsgId: 'c-1' })
    await eventually(() => expect(feed.order).toEqual(['hello', 'ack 1', 'message 1']))
    // The same clientMsgId again: the same seq, nothing appended.
    expect(await sendThrough(feed, { user: 'ana', text: 'olá', clientMsgId: 'c-1' })).toMatchObject(
      {
        seq: 1,
      },
    )
  })

  it('answers a bad send with an error ack and stays connected', async () => {
    const { url } = await startTestServer()
    const feed = openFeed(url, 'sio-bad')
    await eventually(() => expect(feed.hellos).toHaveLength(1))
    const ack = await sendThrough(feed, { user: '', text: 'x', extra: 1 })
    expect(ack).toMatchObject({ error: { code: 'bad_request' } })
    expect((ack as { error: { message: string } }).error.message).toMatch(/user|extra/)
    expect(await sendThrough(feed, { user: 'ana', text: 'ok' })).toMatchObject({ seq: 1 })
  })

  it('refuses a bad cursor and the default namespace with a sentence', async () => {
    const { url } = await startTestServer()
    const ahead = openFeed(url, 'sio-ahead', { auth: { since: 5, epoch: 'nope-but-valid' } })
    // A foreign epoch is a reset, not an error: the client hears so in its hello.
    await eventually(() => expect(ahead.hellos).toMatchObject([{ reset: true }]))
    const wrong = io(url, { query: { client: 'sio-root' }, reconnection: false })
    onCleanup(() => wrong.disconnect())
    expect((await connectError(wrong)).message).toMatch(/\/feed namespace/)
    const bad = io(`${url}/feed`, { auth: { room: 'Not A Room' }, reconnection: false })
    onCleanup(() => bad.disconnect())
    const error = await connectError(bad)
    expect(error.message).toMatch(/room/)
    expect(error.data).toEqual({ code: 'bad_request' })
  })

  it('wants the server’s --token: refused without it, served with it', async () => {
    const { url } = await startTestServer({ token: 's3cret' })
    const without = io(`${url}/feed`, { reconnection: false })
    onCleanup(() => without.disconnect())
    const error = await connectError(without)
    expect(error.message).toMatch(/wants its token/)
    expect(error.data).toEqual({ code: 'unauthorized' })
    const withAuth = openFeed(url, 'sio-tok', { auth: { token: 's3cret' } })
    await eventually(() => expect(withAuth.hellos).toHaveLength(1))
    const withQuery = openFeed(url, 'sio-tok2', { query: { client: 'sio-tok2', token: 's3cret' } })
    await eventually(() => expect(withQuery.hellos).toHaveLength(1))
  })

  it('refuses pages from another origin: polling 403, upgrade 403', async () => {
    const { url } = await startTestServer()
    const polling = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    })
    expect(polling.status).toBe(403)
    expect(await polling.json()).toMatchObject({ error: { code: 'forbidden' } })
    const upgrade = io(`${url}/feed`, {
      transports: ['websocket'],
      extraHeaders: { origin: 'http://evil.example' },
      reconnection: false,
    })
    onCleanup(() => upgrade.disconnect())
    expect((await connectError(upgrade)).message).toMatch(/websocket error/)
    const plain = await fetch(`${url}/socket.io/?EIO=4&transport=polling`)
    expect(plain.status).toBe(200)
  })
})

describe('Socket.IO on the wire meter and the exchange log', () => {
  it('meters every byte of a session (polling, upgrade, frames) and logs its 42 packets', async () => {
    const { url } = await startTestServer()
    const feed = openFeed(url, 'sio-m')
    await eventually(() => expect(feed.socket.io.engine.transport.name).toBe('websocket'))
    expect(await sendThrough(feed, { user: 'ana', text: 'a twenty-char text!!' })).toMatchObject({
      seq: 1,
    })
    await eventually(() => expect(feed.seqs).toEqual([1]))
    feed.socket.disconnect()
    const wire = () => ({
      bytesIn: feed.tcp.reduce((sum, socket) => sum + socket.bytesWritten, 0),
      bytesOut: feed.tcp.reduce((sum, socket) => sum + socket.bytesRead, 0),
    })
    await eventually(async () => {
      expect(feed.tcp.every((socket) => socket.destroyed || socket.readyState !== 'opening')).toBe(
        true,
      )
      const stats = (await getStats(url, 'sio-m')).transports.socketio
      expect({ bytesIn: stats.bytesIn, bytesOut: stats.bytesOut }).toEqual(wire())
    })
    const stats = (await getStats(url, 'sio-m')).transports.socketio
    expect(stats).toMatchObject({ messages: 1, connections: feed.tcp.length })
    expect(stats.requests).toBeGreaterThanOrEqual(3) // the handshake GET, a POST, the upgrade
    expect(stats.handshakeBytesIn).toBeGreaterThan(100)
    expect(stats.framesIn).toBeGreaterThan(0)
    expect(stats.framesOut).toBeGreaterThan(0)
    const log = await getJson<ExchangeLog>(
      `${url}/api/lab/exchanges?client=sio-m&transport=socketio`,
    )
    const requests = log.events.filter((event) => event.kind === 'request')
    expect(requests[0]).toMatchObject({ method: 'GET' })
    expect(requests.map((event) => event.kind === 'request' && event.target)).toContainEqual(
      expect.stringMatching(/^\/socket\.io\/\?.*transport=websocket/),
    )
    expect(log.events).toContainEqual(expect.objectContaining({ kind: 'response', status: 101 }))
    const frames = log.events.flatMap((event) =>
      event.kind === 'ws-frame' ? [`${event.direction} ${event.preview}`] : [],
    )
    expect(frames).toContainEqual(expect.stringMatching(/^out 42\/feed,\["message",\{"seq":1/))
    expect(frames).toContainEqual(expect.stringMatching(/^in 42\/feed,\d+\["send",/))
  })

  it('counts a send through Socket.IO against the same rate limit as WebSocket sends', async () => {
    const { url } = await startTestServer({ sendRatePerClient: 1 })
    const feed = openFeed(url, 'sio-rl')
    await eventually(() => expect(feed.hellos).toHaveLength(1))
    const acks = await Promise.all(
      [1, 2, 3].map((n) => sendThrough(feed, { user: 'ana', text: `m${n}` })),
    )
    expect(acks[2]).toMatchObject({ error: { code: 'rate_limited' } })
    const http = await post(url, { user: 'ana', text: 'via http' }, '?client=sio-rl')
    expect(http.status).toBe(429)
  })
})
