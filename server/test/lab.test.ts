import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ExchangeLog, KillResult, RoomSettings, StatsSnapshot } from '../src/protocol.ts'
import {
  eventually,
  getBatch,
  getJson,
  openSse,
  openWs,
  rawSocket,
  sleep,
  startTestServer,
} from './harness.ts'
import { startPollClient } from './poll-client.ts'
import { RawHttp } from './raw-http.ts'

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('POST /api/lab/ticker', () => {
  it('appends tick messages of the asked size until told rate 0', async () => {
    const { url, feed } = await startTestServer()
    const started = await postJson(`${url}/api/lab/ticker`, { room: 'load', rate: 200, size: 64 })
    expect(await started.json()).toEqual({
      room: 'load',
      rate: 200,
      size: 64,
      paused: false,
      sent: 0,
    })
    await eventually(async () => expect(await feed.head('load')).toBeGreaterThanOrEqual(20))
    const listed = (await (await fetch(`${url}/api/lab/ticker`)).json()) as {
      tickers: { room: string }[]
    }
    expect(listed.tickers.map((t) => t.room)).toEqual(['load'])
    await postJson(`${url}/api/lab/ticker`, { room: 'load', rate: 0 })
    const head = await feed.head('load')
    const batch = await getBatch(`${url}/api/history?room=load&limit=5`)
    for (const message of batch.messages) {
      expect(message).toMatchObject({ kind: 'tick', user: 'ticker' })
      expect(message.text).toHaveLength(64)
    }
    await getBatch(`${url}/api/longpoll?room=load&since=${head}&timeout=100`)
    expect(await feed.head('load')).toBe(head)
  })

  it('refuses a rate over 1000 or a bad size with 400', async () => {
    const { url } = await startTestServer()
    for (const body of [{ rate: 1001 }, { rate: 5, size: 0 }, { rate: -1 }, { rate: 'fast' }]) {
      const response = await postJson(`${url}/api/lab/ticker`, body)
      expect(response.status).toBe(400)
    }
  })
})

describe('POST /api/lab/ticker, above what the page offers', () => {
  it('needs the operator token past 200 messages a second', async () => {
    const { url, operatorToken } = await startTestServer()
    const flood = { room: 'flood', rate: 1000 }
    expect((await postJson(`${url}/api/lab/ticker`, flood)).status).toBe(401)
    const asOperator = await fetch(`${url}/api/lab/ticker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
      body: JSON.stringify({ ...flood, rate: 0 }),
    })
    expect(asOperator.status).toBe(200)
    const allowed = await fetch(`${url}/api/lab/ticker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
      body: JSON.stringify(flood),
    })
    expect(allowed.status).toBe(200)
    await fetch(`${url}/api/lab/ticker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
      body: JSON.stringify({ ...flood, rate: 0 }),
    })
    expect((await postJson(`${url}/api/lab/ticker`, { room: 'flood', rate: 200 })).status).toBe(200)
    await postJson(`${url}/api/lab/ticker`, { room: 'flood', rate: 0 })
  })
})

describe('POST /api/lab/kill', () => {
  it('drops only that client’s sockets of that transport, and others keep flowing', async () => {
    const { url } = await startTestServer()
    const victim = openSse(`${url}/api/sse?since=0&client=victim`)
    const bystander = openSse(`${url}/api/sse?since=0&client=other`)
    const ws = openWs(`${url.replace('http', 'ws')}/ws?client=victim`)
    await Promise.all([victim.waitFor(() => victim.retry !== undefined), ws.opened])
    await bystander.waitFor(() => bystander.retry !== undefined)
    const response = await postJson(`${url}/api/lab/kill?client=victim`, {
      client: 'victim',
      transport: 'sse',
    })
    const result = (await response.json()) as KillResult
    expect(result).toMatchObject({ client: 'victim', transport: 'sse', killed: 1 })
    const { events } = await getJson<ExchangeLog>(
      `${url}/api/lab/exchanges?client=victim&transport=sse`,
    )
    const request = events.find((event) => event.kind === 'request')
    expect(result.connections).toEqual([
      { conn: request?.kind === 'request' ? request.conn : -1, requests: 1, busy: true },
    ])
    await victim.done
    const killedWs = await postJson(`${url}/api/lab/kill?client=victim`, {
      client: 'victim',
      transport: 'ws',
    })
    expect(((await killedWs.json()) as { killed: number }).killed).toBe(1)
    expect((await ws.closed).code).toBe(1006)
    await postJson(`${url}/api/messages`, { user: 'ana', text: 'still flowing' })
    await bystander.waitFor(() => bystander.messages().length === 1)
  })

  it('drops only the caller’s own connections: another client’s id is 403', async () => {
    const { url } = await startTestServer()
    const victim = openWs(`${url.replace('http', 'ws')}/ws?client=victim`)
    await victim.opened
    for (const query of ['', '?client=attacker']) {
      const response = await postJson(`${url}/api/lab/kill${query}`, {
        client: 'victim',
        transport: 'ws',
      })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } })
    }
    expect(victim.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('a polling client just carries on after its socket is dropped', async () => {
    const { url } = await startTestServer()
    const poller = startPollClient(url, 'longpoll', { client: 'lp', timeoutMs: 10_000 })
    await eventually(async () => {
      const { killed } = (await (
        await postJson(`${url}/api/lab/kill?client=lp`, { client: 'lp', transport: 'longpoll' })
      ).json()) as {
        killed: number
      }
      expect(killed).toBe(1)
    })
    await postJson(`${url}/api/messages`, { user: 'ana', text: 'after the drop' })
    await poller.waitForCount(1)
    await poller.stop()
  })

  it('closes the keep-alive connection of a poller, even when the drop request came on it', async () => {
    const { url, port } = await startTestServer()
    const http = new RawHttp(await rawSocket(port))
    await http.request('GET', '/api/poll?client=kp')
    await http.request('GET', '/api/poll?client=kp')
    // A page's connection between two polls also carries its other requests.
    await http.request('GET', '/api/time')
    const closed = new Promise((resolve) => http.socket.once('close', resolve))
    const body = JSON.stringify({ client: 'kp', transport: 'poll' })
    const answer = await http.request('POST', '/api/lab/kill?client=kp', body)
    const result = JSON.parse(answer.body) as KillResult
    expect(result.killed).toBe(1)
    // Only its polls are counted, and no poll was in flight: an idle keep-alive connection.
    expect(result.connections[0]).toMatchObject({ requests: 2, busy: false })
    await closed
    // The next poll comes on a new connection, which the exchange log names.
    await fetch(`${url}/api/poll?client=kp`)
    const { events } = await getJson<ExchangeLog>(
      `${url}/api/lab/exchanges?client=kp&transport=poll&after=${result.logN}`,
    )
    const next = events.find((event) => event.kind === 'request')
    expect(next?.kind === 'request' && next.conn).not.toBe(result.connections[0]?.conn)
  })

  it('says so when the client has no connection of that transport open', async () => {
    const { url } = await startTestServer()
    const response = await postJson(`${url}/api/lab/kill?client=nobody`, {
      client: 'nobody',
      transport: 'ws',
    })
    expect(await response.json()).toMatchObject({ killed: 0, connections: [] })
  })

  it('refuses an unknown transport with 400', async () => {
    const { url } = await startTestServer()
    const response = await postJson(`${url}/api/lab/kill`, {
      client: 'x',
      transport: 'carrier-pigeon',
    })
    expect(response.status).toBe(400)
  })
})

describe('GET /api/lab/stats', () => {
  it('streams the client’s meter as stats events, counted under control', async () => {
    const { url } = await startTestServer()
    await fetch(`${url}/api/poll?client=page`)
    const stream = openSse(`${url}/api/lab/stats?client=page&interval=100`)
    await stream.waitFor(() => stream.events.filter((e) => e.event === 'stats').length >= 2)
    const last = JSON.parse(stream.events.at(-1)?.data ?? '{}') as StatsSnapshot
    expect(last.client).toBe('page')
    expect(last.transports.poll.requests).toBe(1)
    expect(last.transports.control.requests).toBe(1)
    expect(last.transports.sse.requests).toBe(0)
  })

  it('with a room, says hello and pushes the room’s settings to every page as they change', async () => {
    const { url } = await startTestServer()
    const pageA = openSse(`${url}/api/lab/stats?client=a&room=class`)
    const pageB = openSse(`${url}/api/lab/stats?client=b&room=class`)
    const elsewhere = openSse(`${url}/api/lab/stats?client=c&room=other`)
    const rooms = (stream: ReturnType<typeof openSse>) =>
      stream.events.filter((e) => e.event === 'room').map((e) => JSON.parse(e.data) as RoomSettings)
    await pageA.waitFor(() => rooms(pageA).length === 1)
    expect(JSON.parse(pageA.events[0]?.data ?? '{}')).toMatchObject({
      server: { name: 'wirelab' },
    })
    expect(rooms(pageA)[0]?.ticker).toMatchObject({ room: 'class', rate: 0 })
    await postJson(`${url}/api/lab/ticker`, { room: 'class', rate: 2, size: 200, paused: true })
    for (const page of [pageA, pageB]) {
      await page.waitFor(() => rooms(page).length === 2)
      expect(rooms(page)[1]).toEqual({
        room: 'class',
        ticker: { room: 'class', rate: 2, size: 200, paused: true, sent: 0 },
        changedBy: 'page',
      })
    }
    await elsewhere.waitFor(() => elsewhere.events.some((e) => e.event === 'stats'))
    expect(rooms(elsewhere)).toHaveLength(1)
  })

  it('needs a client id', async () => {
    const { url } = await startTestServer()
    expect((await fetch(`${url}/api/lab/stats`)).status).toBe(400)
  })
})

describe('a ticker nobody follows', () => {
  it('keeps running while a page watches its room, and stops by itself once none does', async () => {
    const { url, feed } = await startTestServer({ tickerIdleMs: 300 })
    const page = openSse(`${url}/api/lab/stats?client=p&room=night`)
    await page.waitFor(() => page.events.some((e) => e.event === 'room'))
    await postJson(`${url}/api/lab/ticker`, { room: 'night', rate: 50 })
    await sleep(800)
    const headWhileWatched = await feed.head('night')
    await eventually(async () => expect(await feed.head('night')).toBeGreaterThan(headWhileWatched))
    page.close()
    await eventually(async () => {
      const { tickers } = (await (await fetch(`${url}/api/lab/ticker`)).json()) as {
        tickers: unknown[]
      }
      expect(tickers).toEqual([])
    }, 5_000)
    const stoppedAt = await feed.head('night')
    await sleep(200)
    expect(await feed.head('night')).toBe(stoppedAt)
  })

  it('tells a page that joins later why it is off (changedBy: idle)', async () => {
    const { url } = await startTestServer({ tickerIdleMs: 200 })
    await postJson(`${url}/api/lab/ticker`, { room: 'empty', rate: 5, size: 64 })
    await eventually(async () => {
      const { tickers } = await getJson<{ tickers: unknown[] }>(`${url}/api/lab/ticker`)
      expect(tickers).toEqual([])
    })
    const page = openSse(`${url}/api/lab/stats?client=late&room=empty`)
    await page.waitFor(() => page.events.some((e) => e.event === 'room'))
    const room = JSON.parse(page.events.find((e) => e.event === 'room')?.data ?? '{}')
    expect(room).toMatchObject({ changedBy: 'idle', ticker: { rate: 0, size: 64 } })
  })
})
