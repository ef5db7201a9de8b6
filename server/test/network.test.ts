import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { RoomNetwork, Transport } from '../src/protocol.ts'
import {
  appendMany,
  eventually,
  expectMeterEquals,
  getJson,
  onCleanup,
  range,
  seqsOf,
  startTestServer,
} from './harness.ts'
import { RawHttp } from './raw-http.ts'
import { startResumingClient } from './resuming-clients.ts'

const TRANSPORTS: Transport[] = ['poll', 'longpoll', 'sse', 'ws']

async function setNetwork(base: string, body: object, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/lab/network`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

async function shape(base: string, body: object): Promise<RoomNetwork> {
  const response = await setNetwork(base, body)
  expect(response.status).toBe(200)
  return (await response.json()) as RoomNetwork
}

const viaProxy = (network: RoomNetwork, transport: Transport) =>
  `http://127.0.0.1:${network.shaped[transport]?.port}`

describe('network conditions per transport', () => {
  it('each transport through its shaped proxy receives the same 100 messages, none lost or repeated', async () => {
    const { url } = await startTestServer()
    const room = 'net-delay'
    let network: RoomNetwork | undefined
    for (const transport of TRANSPORTS) {
      network = await shape(url, { room, transport, delayMs: 30, jitterMs: 20 })
    }
    expect(network?.shaped.sse).toMatchObject({ delayMs: 30, jitterMs: 20, bandwidthKbps: 0 })
    const clients = TRANSPORTS.map((transport) =>
      startResumingClient(viaProxy(network as RoomNetwork, transport), transport, { room }),
    )
    await appendMany(url, 100, room)
    for (const client of clients) {
      await client.waitForCount(100)
      expect(seqsOf(client.messages())).toEqual(range(1, 100))
    }
    await Promise.all(clients.map((client) => client.stop()))
  })

  it('offline cuts every transport; back online, each resumes from its cursor with nothing lost', async () => {
    const { url } = await startTestServer()
    const room = 'net-offline'
    let network = await shape(url, { room, transport: 'poll', delayMs: 10 })
    for (const transport of TRANSPORTS) network = await shape(url, { room, transport, delayMs: 10 })
    const clients = TRANSPORTS.map((transport) =>
      startResumingClient(viaProxy(network, transport), transport, { room }),
    )
    await appendMany(url, 20, room)
    for (const client of clients) await client.waitForCount(20)
    for (const transport of TRANSPORTS) await shape(url, { room, transport, offline: true })
    // Written while every transport is cut off: they must come later, each exactly once.
    await appendMany(url, 30, room, 21)
    for (const client of clients) expect(client.messages().length).toBeLessThan(50)
    for (const transport of TRANSPORTS) {
      const back = await shape(url, { room, transport, offline: false })
      // Going offline and back keeps the proxy: every page still knows where it is.
      expect(back.shaped[transport]?.port).toBe(network.shaped[transport]?.port)
    }
    await appendMany(url, 10, room, 51)
    for (const client of clients) {
      await client.waitForCount(60)
      expect(seqsOf(client.messages())).toEqual(range(1, 60))
    }
    await Promise.all(clients.map((client) => client.stop()))
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toMatch(/^wirelab_shaping_proxies 4$/m)
    expect(Number(/^wirelab_shaped_cuts_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0)
  })

  it("the meter counts a transport's bytes through the proxy exactly as the client's socket saw them", async () => {
    const { url } = await startTestServer()
    const network = await shape(url, { room: 'net-meter', transport: 'poll', delayMs: 5 })
    await appendMany(url, 3, 'net-meter')
    const socket = connect(network.shaped.poll?.port as number, '127.0.0.1')
    onCleanup(() => socket.destroy())
    const http = new RawHttp(socket)
    for (const since of [0, 3]) {
      const answer = await http.request('GET', `/api/poll?room=net-meter&since=${since}&client=np`)
      expect(answer.status).toBe(200)
    }
    const stats = await expectMeterEquals(url, 'np', 'poll', socket)
    expect(stats).toMatchObject({ requests: 2, connections: 1, messages: 3 })
  })

  it('answers a page on the proxy port with CORS for allowed origins only', async () => {
    const { url, port } = await startTestServer()
    const network = await shape(url, { room: 'net-cors', transport: 'poll', delayMs: 5 })
    const proxy = network.shaped.poll?.port as number
    // A class reaches the server at its LAN address: the page is on the main port, the poll on
    // the proxy's; the same host on two of the server's ports is the server's own page.
    const poll = async (origin: string) => {
      const socket = connect(proxy, '127.0.0.1')
      onCleanup(() => socket.destroy())
      return new RawHttp(socket).request('GET', '/api/poll?room=net-cors', undefined, [
        `Host: 10.1.2.3:${proxy}`,
        `Origin: ${origin}`,
      ])
    }
    const own = await poll(`http://10.1.2.3:${port}`)
    expect(own.headers).toMatchObject({
      'access-control-allow-origin': `http://10.1.2.3:${port}`,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    })
    for (const origin of ['https://evil.example', 'http://10.1.2.3:1', `http://10.9.9.9:${port}`]) {
      const other = await poll(origin)
      expect(other.status).toBe(200)
      expect(other.headers['access-control-allow-origin']).toBeUndefined()
      expect(other.headers['access-control-allow-credentials']).toBeUndefined()
    }
    // Engine.IO's long polling (Socket.IO's handshake) answers the same way, though it writes its
    // answers itself; another site is refused outright.
    const sio = await shape(url, { room: 'net-cors', transport: 'socketio', delayMs: 5 })
    const handshake = async (origin: string) => {
      const sioPort = sio.shaped.socketio?.port as number
      const socket = connect(sioPort, '127.0.0.1')
      onCleanup(() => socket.destroy())
      return new RawHttp(socket).request('GET', '/socket.io/?EIO=4&transport=polling', undefined, [
        `Host: 10.1.2.3:${sioPort}`,
        `Origin: ${origin}`,
      ])
    }
    const engine = await handshake(`http://10.1.2.3:${port}`)
    expect(engine.status).toBe(200)
    expect(engine.body).toMatch(/^0\{"sid":/)
    expect(engine.headers).toMatchObject({
      'access-control-allow-origin': `http://10.1.2.3:${port}`,
      'access-control-allow-credentials': 'true',
    })
    expect((await handshake('https://evil.example')).status).toBe(403)
    // The WebSocket's Origin check, through the proxy: the page passes, another site does not.
    const upgrade = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${proxy}/ws?room=net-cors`, {
          origin,
          headers: { host: `10.1.2.3:${proxy}` },
        })
        ws.on('open', () => {
          ws.terminate()
          resolve(101)
        })
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
        ws.on('error', () => {})
      })
    expect(await upgrade(`http://10.1.2.3:${port}`)).toBe(101)
    expect(await upgrade('https://evil.example')).toBe(403)
    expect(await upgrade('http://10.1.2.3:1')).toBe(403)
  })

  it('offlineForMs: the server itself brings the transport back online, unless someone does first', async () => {
    const { url } = await startTestServer()
    const room = 'net-offline-for'
    const state = async () =>
      (await getJson<RoomNetwork>(`${url}/api/lab/network?room=${room}`)).shaped
    // Back online by the server's timer, with the other conditions kept.
    await shape(url, { room, transport: 'sse', delayMs: 20 })
    const offline = await shape(url, { room, transport: 'sse', offlineForMs: 300 })
    expect(offline.shaped.sse).toMatchObject({ offline: true, delayMs: 20 })
    // A change of another field leaves the timer running.
    await shape(url, { room, transport: 'sse', delayMs: 30 })
    await eventually(
      async () => expect((await state()).sse).toMatchObject({ offline: false }),
      5000,
    )
    expect((await state()).sse).toMatchObject({ delayMs: 30 })
    // Online by hand, then offline by hand: the earlier timer must not bring it back.
    await shape(url, { room, transport: 'ws', offlineForMs: 300 })
    await shape(url, { room, transport: 'ws', offline: false })
    await shape(url, { room, transport: 'ws', offline: true })
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await state()).ws).toMatchObject({ offline: true })
  })

  it('refuses bad input with a sentence naming it, and shows a room its conditions', async () => {
    const { url } = await startTestServer()
    const bad = async (body: object, field: RegExp) => {
      const response = await setNetwork(url, body)
      expect(response.status).toBe(400)
      const { error } = (await response.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('bad_request')
      expect(error.message).toMatch(field)
    }
    await bad({ transport: 'carrier-pigeon', delayMs: 10 }, /^transport must be one of/)
    await bad({ transport: 'ws', delayMs: 5001 }, /^delayMs must be at most 5000/)
    await bad({ transport: 'ws', delayMs: 10, jitterMs: 20 }, /^jitterMs \(20\) must be at most/)
    await bad({ transport: 'ws', bandwidthKbps: -1 }, /^bandwidthKbps must be at least 0/)
    await bad({ transport: 'ws', offline: 'yes' }, /^offline must be true or false/)
    await bad({ transport: 'ws', offlineForMs: 0 }, /^offlineForMs must be at least 1/)
    await bad({ transport: 'ws', offlineForMs: 10, offline: false }, /^offlineForMs goes offline/)
    await bad({ transport: 'ws', mtu: 1500 }, /mtu/)
    const cleared = await shape(url, { room: 'net-clear', transport: 'ws', delayMs: 100 })
    expect(cleared.shaped.ws?.port).toBeGreaterThan(0)
    expect(await getJson<RoomNetwork>(`${url}/api/lab/network?room=net-clear`)).toEqual(cleared)
    expect(await shape(url, { room: 'net-clear', transport: 'ws', clear: true })).toEqual({
      room: 'net-clear',
      shaped: {},
    })
  })

  it('counts a class behind its proxies per client address, not as one', async () => {
    // Two connections per address: a third from the same address is refused, one from another is
    // not. Listening on every interface, the proxy takes 127.0.0.1 and ::1 as two clients.
    const { port } = await startTestServer({ host: '::', maxConnectionsPerIp: 2 })
    // Set from ::1, so that 127.0.0.1 holds no connection of its own to the server.
    const base = `http://[::1]:${port}`
    const network = await shape(base, { room: 'net-ip', transport: 'poll', delayMs: 1 })
    const proxy = network.shaped.poll?.port as number
    const ask = async (host: string) => {
      const socket = connect({ port: proxy, host })
      onCleanup(() => socket.destroy())
      return (await new RawHttp(socket).request('GET', '/api/poll?room=net-ip')).status
    }
    expect(await ask('127.0.0.1')).toBe(200)
    expect(await ask('127.0.0.1')).toBe(200)
    expect(await ask('127.0.0.1')).toBe(503)
    expect(await ask('::1')).toBe(200)
  })
})
