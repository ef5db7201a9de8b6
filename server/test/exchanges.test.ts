import { describe, expect, it } from 'vitest'
import type { ExchangeEvent, ExchangeLog } from '../src/protocol.ts'
import {
  eventually,
  getJson,
  getStats,
  openSse,
  openWs,
  post,
  rawSocket,
  startTestServer,
} from './harness.ts'
import { RawHttp } from './raw-http.ts'

const exchangesOf = (url: string, client: string, transport: string) =>
  getJson<ExchangeLog>(`${url}/api/lab/exchanges?client=${client}&transport=${transport}`)

const kinds = (events: ExchangeEvent[]) => events.map((e) => e.kind)

describe('GET /api/lab/exchanges', () => {
  it('logs each poll as a request and a response with their raw heads and wire bytes', async () => {
    const { url } = await startTestServer()
    await post(url, { user: 'ana', text: 'olá' })
    await fetch(`${url}/api/poll?since=0&client=ex`)
    await fetch(`${url}/api/poll?since=1&client=ex`)
    const { events } = await exchangesOf(url, 'ex', 'poll')
    expect(kinds(events)).toEqual(['request', 'response', 'request', 'response'])
    const [request, response, , empty] = events
    expect(request).toMatchObject({ method: 'GET', target: '/api/poll?since=0&client=ex' })
    if (request?.kind !== 'request' || response?.kind !== 'response' || empty?.kind !== 'response')
      throw new Error('shape')
    expect(request.head).toMatch(
      /^GET \/api\/poll\?since=0&client=ex HTTP\/1\.1\r\n[\s\S]*\r\n\r\n$/,
    )
    expect(response.head).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*content-type: application\/json/i)
    expect(response).toMatchObject({ status: 200, messages: 1, id: request.id })
    expect(empty.messages).toBe(0)
    const stats = await getStats(url, 'ex')
    const logged = events.reduce(
      (sum, e) => ({
        in: sum.in + (e.kind === 'request' ? e.bytes : 0),
        out: sum.out + (e.kind === 'response' ? e.bytes : 0),
      }),
      { in: 0, out: 0 },
    )
    expect(logged).toEqual({
      in: stats.transports.poll.bytesIn,
      out: stats.transports.poll.bytesOut,
    })
  })

  it('hides credentials from the log: Authorization and Cookie as stars of the same length', async () => {
    const { url } = await startTestServer()
    const secret = 'Bearer s3cr3t-t0k3n'
    await fetch(`${url}/api/poll?since=0&client=cred`, {
      headers: { authorization: secret, cookie: 'session=abc123' },
    })
    const { events } = await exchangesOf(url, 'cred', 'poll')
    const head = events.find((event) => event.kind === 'request')?.head ?? ''
    expect(head).not.toContain('s3cr3t')
    expect(head).not.toContain('abc123')
    expect(head).toMatch(new RegExp(`^authorization: \\*{${secret.length}}\r$`, 'm'))
    expect(head).toMatch(/^cookie: \*{14}\r$/m)
  })

  it('logs an SSE stream: the response, each event with its id, and who closed it', async () => {
    const { url } = await startTestServer()
    await post(url, { user: 'ana', text: 'um' })
    const sse = openSse(`${url}/api/sse?since=0&client=ex`)
    await sse.waitFor(() => sse.messages().length === 1)
    sse.close()
    await eventually(async () => {
      const { events } = await exchangesOf(url, 'ex', 'sse')
      expect(kinds(events)).toEqual(['request', 'response', 'sse-event', 'closed'])
      expect(events[2]).toMatchObject({ event: 'message', eventId: expect.stringMatching(/:1$/) })
      expect(events[3]).toMatchObject({ by: 'client' })
      expect(events[1]).toMatchObject({
        status: 200,
        head: expect.stringMatching(/text\/event-stream/),
      })
    })
  })

  it('logs a WebSocket: the upgrade, the 101, every frame with its bytes in hex, the close', async () => {
    const { url } = await startTestServer()
    const client = openWs(`${url.replace('http', 'ws')}/ws?client=ex`)
    await client.opened
    client.send({ type: 'send', user: 'ana', text: 'oi' })
    await client.waitFor(() => client.messages().length === 1)
    client.ws.close(1000, 'tchau')
    await client.closed
    await eventually(async () => {
      const { events } = await exchangesOf(url, 'ex', 'ws')
      expect(events.at(-1)).toMatchObject({ kind: 'closed', by: 'client' })
      const [upgrade, switching] = events
      expect(upgrade).toMatchObject({
        kind: 'request',
        head: expect.stringMatching(/Upgrade: websocket/i),
      })
      expect(switching).toMatchObject({
        kind: 'response',
        status: 101,
        head: expect.stringMatching(/^HTTP\/1\.1 101 Switching Protocols\r\n/),
      })
      const frames = events.filter((e) => e.kind === 'ws-frame')
      const hello = frames[0]
      expect(hello).toMatchObject({ direction: 'out', opcode: 1, masked: false, fin: true })
      expect(hello?.hex).toMatch(/^81/)
      expect(hello?.preview).toContain('"type":"hello"')
      const sent = frames.find((f) => f.direction === 'in' && f.opcode === 1)
      expect(sent).toMatchObject({ masked: true, preview: expect.stringContaining('"text":"oi"') })
      expect(sent?.hex?.slice(0, 4)).toMatch(/^81[89a-f]/) // MASK bit set in the second byte
      const close = frames.find((f) => f.direction === 'in' && f.opcode === 8)
      expect(close?.preview).toBe('1000 tchau')
    })
  })

  it('numbers events so a reader can ask only for what is new (?after=n)', async () => {
    const { url } = await startTestServer()
    await fetch(`${url}/api/poll?client=nx`)
    const first = await exchangesOf(url, 'nx', 'poll')
    const last = first.events.at(-1)?.n ?? 0
    expect(first.events.map((e) => e.n)).toEqual([last - 1, last])
    await fetch(`${url}/api/poll?client=nx`)
    const newer = await getJson<ExchangeLog>(
      `${url}/api/lab/exchanges?client=nx&transport=poll&after=${last}`,
    )
    expect(newer.events.map((e) => e.kind)).toEqual(['request', 'response'])
    expect(newer.events.every((e) => e.n > last)).toBe(true)
  })

  it('names the connection of each request: keep-alive polls share one, a new socket gets a new one', async () => {
    const { url, port } = await startTestServer()
    const first = new RawHttp(await rawSocket(port))
    await first.request('GET', '/api/poll?client=kc')
    await first.request('GET', '/api/poll?client=kc')
    const second = new RawHttp(await rawSocket(port))
    await second.request('GET', '/api/poll?client=kc')
    const { events } = await exchangesOf(url, 'kc', 'poll')
    const conns = events.flatMap((e) => (e.kind === 'request' ? [e.conn] : []))
    expect(conns[0]).toBe(conns[1])
    expect(conns[2]).not.toBe(conns[0])
    expect(conns.every((conn) => conn > 0)).toBe(true)
  })

  it('says how many events it recorded and how many it keeps, so an export can say what is missing', async () => {
    const { url } = await startTestServer()
    for (let i = 0; i < 160; i++) await fetch(`${url}/api/poll?client=many`)
    const log = await exchangesOf(url, 'many', 'poll')
    expect(log).toMatchObject({ recorded: 320, keeps: 300 })
    expect(log.events).toHaveLength(300)
  })

  it('needs a client and a known transport', async () => {
    const { url } = await startTestServer()
    expect((await fetch(`${url}/api/lab/exchanges?transport=ws`)).status).toBe(400)
    expect((await fetch(`${url}/api/lab/exchanges?client=a&transport=smoke`)).status).toBe(400)
  })
})
