import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type EchoServer, startEchoServer } from './echo-server.ts'

// Real server on 127.0.0.1, real `ws` client, real frames. Every wait is bounded so a broken
// server fails in seconds instead of hanging the run.

const servers: EchoServer[] = []
const clients: WebSocket[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate()
  await Promise.allSettled(
    servers.splice(0).map((server) => within(5_000, server.close(), 'close()')),
  )
})

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

async function start(): Promise<EchoServer> {
  const server = await within(5_000, startEchoServer(), 'startEchoServer()')
  servers.push(server)
  return server
}

function connect(url: string): Promise<WebSocket> {
  const client = new WebSocket(url)
  clients.push(client)
  return within(
    5_000,
    new Promise<WebSocket>((resolve, reject) => {
      client.once('open', () => resolve(client))
      client.once('error', reject)
    }),
    `connect(${url})`,
  )
}

interface Received {
  data: Buffer
  isBinary: boolean
}

/** The next `count` messages the client receives, in order. */
function nextMessages(client: WebSocket, count: number): Promise<Received[]> {
  const received: Received[] = []
  return within(
    5_000,
    new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
        received.push({ data: Buffer.from(data as Buffer), isBinary })
        if (received.length === count) {
          client.off('message', onMessage)
          resolve(received)
        }
      }
      client.on('message', onMessage)
    }),
    `${count} message(s)`,
  )
}

async function nextMessage(client: WebSocket): Promise<Received> {
  const [message] = await nextMessages(client, 1)
  if (!message) throw new Error('no message')
  return message
}

function closed(client: WebSocket): Promise<{ code: number; reason: string }> {
  return within(
    5_000,
    new Promise((resolve) => {
      client.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    }),
    'close event',
  )
}

describe('startEchoServer', () => {
  it('resolves with ws://127.0.0.1:<port>/echo, using the port the OS picked', async () => {
    const { url } = await start()
    const match = /^ws:\/\/127\.0\.0\.1:(\d+)\/echo$/.exec(url)
    expect(match, url).not.toBeNull()
    expect(Number(match?.[1])).toBeGreaterThan(0)
    await connect(url)
  })

  it('answers a plain HTTP GET /echo with 426 Upgrade Required and "Upgrade: websocket"', async () => {
    const { url } = await start()
    const response = await within(5_000, fetch(url.replace('ws:', 'http:')), 'GET /echo')
    expect(response.status).toBe(426)
    expect(response.headers.get('upgrade')).toBe('websocket')
    await response.text()
  })

  it('refuses a WebSocket upgrade on any other path with 404', async () => {
    const { url } = await start()
    await expect(connect(url.replace('/echo', '/chat'))).rejects.toThrow(
      'Unexpected server response: 404',
    )
  })
})

describe('echo', () => {
  it('echoes the text frame "olá, mundo ✓" as text', async () => {
    const client = await connect((await start()).url)
    const reply = nextMessage(client)
    client.send('olá, mundo ✓')
    const { data, isBinary } = await reply
    expect(isBinary).toBe(false)
    expect(data.toString('utf8')).toBe('olá, mundo ✓')
  })

  it('echoes the binary frame 00 01 fe ff as binary, byte for byte', async () => {
    const client = await connect((await start()).url)
    const reply = nextMessage(client)
    client.send(Buffer.from('0001feff', 'hex'))
    const { data, isBinary } = await reply
    expect(isBinary).toBe(true)
    expect(data.toString('hex')).toBe('0001feff')
  })

  it('echoes a 70 000-byte binary message intact (64-bit payload length)', async () => {
    const client = await connect((await start()).url)
    const payload = Buffer.alloc(70_000, 0)
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251
    const reply = nextMessage(client)
    client.send(payload)
    const { data, isBinary } = await reply
    expect(isBinary).toBe(true)
    expect(data.equals(payload)).toBe(true)
  })

  it('echoes "um", "dois", "três" in the order they were sent', async () => {
    const client = await connect((await start()).url)
    const replies = nextMessages(client, 3)
    for (const text of ['um', 'dois', 'três']) client.send(text)
    expect((await replies).map(({ data }) => data.toString('utf8'))).toEqual(['um', 'dois', 'três'])
  })

  it('echoes only to the sender, never to the other clients', async () => {
    const { url } = await start()
    const alice = await connect(url)
    const bob = await connect(url)
    const bobFirst = nextMessage(bob)
    const aliceReply = nextMessage(alice)
    alice.send('só para a alice')
    await aliceReply
    // If the server had broadcast, Bob's socket got Alice's text before this one.
    bob.send('só para o bob')
    expect((await bobFirst).data.toString('utf8')).toBe('só para o bob')
  })

  it('answers a ping "hb" with a pong "hb"', async () => {
    const client = await connect((await start()).url)
    const pong = within(
      5_000,
      new Promise<Buffer>((resolve) => client.once('pong', resolve)),
      'pong',
    )
    client.ping('hb')
    expect((await pong).toString()).toBe('hb')
  })
})

describe('closing', () => {
  it('answers the client\'s close frame with the same code and reason (4000 "tchau")', async () => {
    const client = await connect((await start()).url)
    const done = closed(client)
    client.close(4000, 'tchau')
    expect(await done).toEqual({ code: 4000, reason: 'tchau' })
  })

  it('close() says goodbye to every open client with 1001 (going away)', async () => {
    const server = await start()
    const alice = await connect(server.url)
    const bob = await connect(server.url)
    const aliceClosed = closed(alice)
    const bobClosed = closed(bob)
    await within(5_000, server.close(), 'close()')
    expect((await aliceClosed).code).toBe(1001)
    expect((await bobClosed).code).toBe(1001)
  })

  it('close() frees the port: a new connection is refused', async () => {
    const server = await start()
    await within(5_000, server.close(), 'close()')
    await expect(connect(server.url)).rejects.toThrow('ECONNREFUSED')
  })
})
