import { createServer } from 'node:net'
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

/** Rejects with "<what>" when `promise` has not settled after `ms`. */
function within<T>(ms: number, promise: Promise<T>, what: string | (() => string)): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const label = typeof what === 'string' ? `${what}: nothing after ${ms} ms` : what()
      reject(new Error(label))
    }, ms)
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

async function start(port?: number): Promise<EchoServer> {
  const server = await within(5_000, startEchoServer(port), `startEchoServer(${port ?? ''})`)
  servers.push(server)
  return server
}

/** A port nobody listens on right now (the OS picks it, we let it go). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no TCP port')
  return address.port
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

/** How a connection attempt ended, as a sentence: 'connected' or 'refused: <why>'. */
async function attempt(url: string): Promise<string> {
  return connect(url).then(
    () => 'connected',
    (error: Error) => `refused: ${error.message}`,
  )
}

const STATES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const

interface Received {
  data: Buffer
  isBinary: boolean
}

/** A received message as a student can read it: `text "oi"` or `binary 00 01 fe ff`. */
function shown({ data, isBinary }: Received): string {
  if (!isBinary) {
    const text = data.toString('utf8')
    return text.length > 40 ? `text, ${text.length} characters` : `text ${JSON.stringify(text)}`
  }
  if (data.length > 16) return `binary, ${data.length} bytes`
  return `binary ${data.toString('hex').replace(/(..)(?!$)/g, '$1 ')}`.trimEnd()
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
    () =>
      `expected ${count} message(s) back, got ${received.length} in 5000 ms: [${received.map(shown).join(', ')}]`,
  )
}

async function nextMessage(client: WebSocket): Promise<Received> {
  const [message] = await nextMessages(client, 1)
  if (!message) throw new Error('no message')
  return message
}

function closed(client: WebSocket, who: string): Promise<{ code: number; reason: string }> {
  return within(
    5_000,
    new Promise((resolve) => {
      client.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    }),
    `${who}'s close event`,
  )
}

describe('startEchoServer', () => {
  it('resolves with ws://127.0.0.1:<port>/echo, using the port the OS picked', async () => {
    const { url } = await start()
    expect(url, 'the url startEchoServer() resolved with').toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/echo$/,
    )
    expect(Number(new URL(url).port || 80), `the port in ${url}`).toBeGreaterThan(0)
    await connect(url)
  })

  it('listens on the port it is given: startEchoServer(port) with a free port', async () => {
    const port = await freePort()
    const { url } = await start(port)
    expect(url, `the url startEchoServer(${port}) resolved with`).toBe(
      `ws://127.0.0.1:${port}/echo`,
    )
    expect(await attempt(`ws://127.0.0.1:${port}/echo`), `a client of port ${port}`).toBe(
      'connected',
    )
  })

  it('answers a plain HTTP GET /echo with 426 Upgrade Required and "Upgrade: websocket"', async () => {
    const { url } = await start()
    const response = await within(5_000, fetch(url.replace('ws:', 'http:')), 'GET /echo')
    await response.text()
    expect(
      { status: response.status, upgrade: response.headers.get('upgrade') },
      'GET /echo without an Upgrade header got (status and Upgrade header)',
    ).toEqual({ status: 426, upgrade: 'websocket' })
  })

  it('refuses a WebSocket upgrade on any other path with 404', async () => {
    const { url } = await start()
    expect(await attempt(url.replace('/echo', '/chat')), 'a WebSocket client of /chat').toBe(
      'refused: Unexpected server response: 404',
    )
  })

  it('answers a plain HTTP GET on any other path with 404', async () => {
    const { url } = await start()
    const response = await within(
      5_000,
      fetch(`${url.replace('ws:', 'http:')}-room`),
      'GET /echo-room',
    )
    await response.text()
    expect(response.status, 'the status of a plain GET /echo-room').toBe(404)
  })
})

describe('echo', () => {
  it('echoes the text frame "olá, mundo ✓" as text', async () => {
    const client = await connect((await start()).url)
    const reply = nextMessage(client)
    client.send('olá, mundo ✓')
    expect(shown(await reply), 'what came back').toBe('text "olá, mundo ✓"')
  })

  it('echoes the binary frame 00 01 fe ff as binary, byte for byte', async () => {
    const client = await connect((await start()).url)
    const reply = nextMessage(client)
    client.send(Buffer.from('0001feff', 'hex'))
    expect(shown(await reply), 'what came back').toBe('binary 00 01 fe ff')
  })

  it('echoes a 70 000-byte binary message intact (64-bit payload length)', async () => {
    const client = await connect((await start()).url)
    const payload = Buffer.alloc(70_000, 0)
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251
    const reply = nextMessage(client)
    client.send(payload)
    const received = await reply
    const firstDifference = received.data.findIndex((byte, i) => byte !== payload[i])
    expect(
      {
        message: shown(received),
        firstDifferentByte: firstDifference < 0 ? 'none' : firstDifference,
      },
      'what came back',
    ).toEqual({ message: 'binary, 70000 bytes', firstDifferentByte: 'none' })
  })

  it('echoes "um", "dois", "três" in the order they were sent', async () => {
    const client = await connect((await start()).url)
    const replies = nextMessages(client, 3)
    for (const text of ['um', 'dois', 'três']) client.send(text)
    expect((await replies).map(shown), 'what came back, in order').toEqual([
      'text "um"',
      'text "dois"',
      'text "três"',
    ])
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
    expect(shown(await bobFirst), 'the first message Bob received').toBe('text "só para o bob"')
  })

  it('answers a ping "hb" with a pong "hb"', async () => {
    const client = await connect((await start()).url)
    const pong = within(
      5_000,
      new Promise<Buffer>((resolve) => client.once('pong', resolve)),
      'pong',
    )
    client.ping('hb')
    expect((await pong).toString(), 'the payload of the pong').toBe('hb')
  })
})

describe('closing', () => {
  it('answers the client\'s close frame with the same code and reason (4000 "tchau")', async () => {
    const client = await connect((await start()).url)
    const done = closed(client, 'the client')
    client.close(4000, 'tchau')
    expect(await done, 'the close frame the server answered with').toEqual({
      code: 4000,
      reason: 'tchau',
    })
  })

  it('close() says goodbye to every open client with 1001 (going away)', async () => {
    const server = await start()
    const alice = await connect(server.url)
    const bob = await connect(server.url)
    const aliceClosed = closed(alice, 'Alice')
    const bobClosed = closed(bob, 'Bob')
    await within(5_000, server.close(), 'close()')
    expect(
      [(await aliceClosed).code, (await bobClosed).code],
      'the close codes Alice and Bob received (1006: no close frame at all)',
    ).toEqual([1001, 1001])
  })

  it('close() resolves only once its clients are gone (they have their close frame by then)', async () => {
    const server = await start()
    const alice = await connect(server.url)
    const bob = await connect(server.url)
    await within(5_000, server.close(), 'close()')
    expect(
      [STATES[alice.readyState], STATES[bob.readyState]],
      "Alice's and Bob's sockets at the moment close() resolved",
    ).toEqual([expect.stringMatching(/^CLOS/), expect.stringMatching(/^CLOS/)])
  })

  it('close() frees the port: a new connection is refused', async () => {
    const server = await start()
    await within(5_000, server.close(), 'close()')
    expect(await attempt(server.url), 'a new client after close()').toMatch(
      /^refused: .*ECONNREFUSED/,
    )
  })
})
