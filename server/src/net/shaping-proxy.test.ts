import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type NetworkConditions, NO_CONDITIONS } from '../protocol.ts'
import { ClientAddresses } from './client-addresses.ts'
import { LINK_HIGH_WATER_BYTES } from './shaped-link.ts'
import { ShapingProxy } from './shaping-proxy.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A TCP server behind the proxy: echoes what it reads, or only keeps it. */
async function target(mode: 'echo' | 'keep', host = '127.0.0.1') {
  const sockets: Socket[] = []
  const server: Server = createServer((socket) => {
    sockets.push(socket)
    socket.on('error', () => {})
    if (mode === 'echo') socket.pipe(socket)
  })
  server.listen(0, host)
  await once(server, 'listening')
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  return { port: (server.address() as AddressInfo).port, sockets }
}

async function proxyTo(
  port: number,
  conditions: Partial<NetworkConditions> = {},
  options: { random?: () => number; host?: string; addresses?: ClientAddresses } = {},
) {
  const proxy = new ShapingProxy({
    target: { host: '127.0.0.1', port },
    host: options.host ?? '127.0.0.1',
    conditions: { ...NO_CONDITIONS, ...conditions },
    ...(options.random && { random: options.random }),
    ...(options.addresses && { addresses: options.addresses }),
  })
  await proxy.listen()
  cleanups.push(() => proxy.close())
  return proxy
}

async function dial(port: number, host = '127.0.0.1'): Promise<Socket> {
  const socket = connect({ port, host })
  socket.on('error', () => {})
  cleanups.push(() => void socket.destroy())
  await once(socket, 'connect')
  return socket
}

/** Reads from `socket` until `length` bytes came. */
async function readBytes(socket: Socket, length: number): Promise<Buffer[]> {
  const chunks: Buffer[] = []
  let got = 0
  for await (const chunk of socket) {
    chunks.push(chunk as Buffer)
    got += (chunk as Buffer).length
    if (got >= length) break
  }
  return chunks
}

// Not events.once: it would reject on the reset ('error') that comes before the close.
const closed = (socket: Socket) =>
  new Promise<void>((resolve) =>
    socket.destroyed ? resolve() : socket.once('close', () => resolve()),
  )

describe('shaping proxy', () => {
  it('passes every byte unchanged and in order both ways, with delay and jitter', async () => {
    const { port } = await target('echo')
    const proxy = await proxyTo(port, { delayMs: 15, jitterMs: 15 })
    const client = await dial(proxy.port)
    const sent = randomBytes(200_000)
    const echoed = readBytes(client, sent.length)
    // Many small writes: each gets its own delay ± jitter, and none may overtake another.
    for (let offset = 0; offset < sent.length; offset += 1000) {
      client.write(sent.subarray(offset, offset + 1000))
    }
    expect(Buffer.concat(await echoed).equals(sent)).toBe(true)
    expect(proxy.counters).toMatchObject({ connections: 1, cuts: 0 })
    expect(proxy.counters.bytesUp).toBe(sent.length)
    expect(proxy.counters.bytesDown).toBe(sent.length)
  })

  it('paces to the bandwidth: the bytes come in paced pieces, all of them, in order', async () => {
    const { port } = await target('echo')
    // 800 kbit/s = 100 kB/s: 50 kB take half a second each way, in pieces of 2 kB.
    const proxy = await proxyTo(port, { bandwidthKbps: 800 })
    const client = await dial(proxy.port)
    const sent = randomBytes(50_000)
    const echoed = readBytes(client, sent.length)
    client.write(sent)
    const chunks = await echoed
    expect(Buffer.concat(chunks).equals(sent)).toBe(true)
    // Unpaced, one write of 50 kB comes back in one or two reads.
    expect(chunks.length).toBeGreaterThan(2)
  })

  it('holds a bounded amount when the server stops reading, and pauses the sender instead', async () => {
    const { port, sockets } = await target('keep')
    const proxy = await proxyTo(port)
    const client = await dial(proxy.port)
    await expect.poll(() => sockets.length).toBe(1)
    const server = sockets[0] as Socket
    server.pause()
    // More than the kernel's buffers on both hops can hold.
    const sent = Buffer.alloc(32 * 1024 * 1024)
    for (let i = 0; i < sent.length; i++) sent[i] = (i * 7) & 0xff
    client.write(sent)
    // The kernel's buffers fill, then the proxy's queue up to its mark: it stops reading the client.
    await expect
      .poll(() => proxy.counters.queuedBytes, { timeout: 15_000 })
      .toBeGreaterThan(LINK_HIGH_WATER_BYTES)
    expect(proxy.counters.queuedBytes).toBeLessThanOrEqual(LINK_HIGH_WATER_BYTES + 64 * 1024)
    // The rest waits in the client, not in the proxy.
    expect(client.writableLength).toBeGreaterThan(0)
    let got = 0
    const received: Buffer[] = []
    server.on('data', (chunk: Buffer) => {
      received.push(chunk)
      got += chunk.length
    })
    server.resume()
    await expect.poll(() => got, { timeout: 15_000 }).toBe(sent.length)
    expect(Buffer.concat(received).equals(sent)).toBe(true)
  })

  it('offline cuts every open connection and refuses new ones; online again, it accepts', async () => {
    const { port, sockets } = await target('echo')
    const proxy = await proxyTo(port)
    const first = await dial(proxy.port)
    const second = await dial(proxy.port)
    await expect.poll(() => sockets.length).toBe(2)
    proxy.set({ ...NO_CONDITIONS, offline: true })
    await Promise.all([closed(first), closed(second), ...sockets.map(closed)])
    const refused = connect({ port: proxy.port, host: '127.0.0.1' })
    refused.on('error', () => {})
    await closed(refused)
    expect(sockets).toHaveLength(2)
    await expect.poll(() => proxy.counters.open).toBe(0)
    expect(proxy.counters).toMatchObject({ cuts: 2, refused: 1 })
    proxy.set(NO_CONDITIONS)
    const again = await dial(proxy.port)
    const echoed = readBytes(again, 5)
    again.write('hello')
    expect(Buffer.concat(await echoed).toString()).toBe('hello')
  })

  it('drops cut both sides of a connection at random times', async () => {
    const { port, sockets } = await target('echo')
    // random() = 0 draws a wait of 0 ms: the connection is cut as soon as it is open.
    const proxy = await proxyTo(port, { dropPerMinute: 60 }, { random: () => 0 })
    const client = await dial(proxy.port)
    await closed(client)
    await expect.poll(() => sockets.length).toBe(1)
    await closed(sockets[0] as Socket)
    await expect.poll(() => proxy.counters.open).toBe(0)
    expect(proxy.counters).toMatchObject({ connections: 1, cuts: 1 })
  })

  it('closing the proxy closes everything it opened', async () => {
    const { port, sockets } = await target('echo')
    const proxy = await proxyTo(port, { delayMs: 50 })
    const clients = await Promise.all([dial(proxy.port), dial(proxy.port), dial(proxy.port)])
    await expect.poll(() => sockets.length).toBe(3)
    await proxy.close()
    await Promise.all([...clients.map(closed), ...sockets.map(closed)])
    expect(proxy.counters.open).toBe(0)
    const late = connect({ port: proxy.port, host: '127.0.0.1' })
    const [error] = (await once(late, 'error')) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNREFUSED')
  })

  it('tells the server whose connection each of its own carries', async () => {
    const { port, sockets } = await target('echo')
    const addresses = new ClientAddresses()
    // The client comes from ::1; the proxy reaches the server from 127.0.0.1.
    const proxy = await proxyTo(port, {}, { host: '::1', addresses })
    await dial(proxy.port, '::1')
    await expect.poll(() => sockets.length).toBe(1)
    const server = sockets[0] as Socket
    expect(server.remoteAddress).toBe('127.0.0.1')
    expect(addresses.of(server)).toBe('::1')
    await proxy.close()
    await closed(server)
    expect(addresses.size).toBe(0)
  })
})
