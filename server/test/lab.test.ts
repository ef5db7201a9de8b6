import { describe, expect, it } from 'vitest'
import type { StatsSnapshot } from '../src/protocol.ts'
import { eventually, getBatch, openSse, openWs, startTestServer } from './harness.ts'
import { startPollClient } from './poll-client.ts'

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
    expect(await started.json()).toEqual({ room: 'load', rate: 200, size: 64, sent: 0 })
    await eventually(() => expect(feed.head('load')).toBeGreaterThanOrEqual(20))
    const listed = (await (await fetch(`${url}/api/lab/ticker`)).json()) as {
      tickers: { room: string }[]
    }
    expect(listed.tickers.map((t) => t.room)).toEqual(['load'])
    await postJson(`${url}/api/lab/ticker`, { room: 'load', rate: 0 })
    const head = feed.head('load')
    const batch = await getBatch(`${url}/api/history?room=load&limit=5`)
    for (const message of batch.messages) {
      expect(message).toMatchObject({ kind: 'tick', user: 'ticker' })
      expect(message.text).toHaveLength(64)
    }
    await getBatch(`${url}/api/longpoll?room=load&since=${head}&timeout=100`)
    expect(feed.head('load')).toBe(head)
  })

  it('refuses a rate over 1000 or a bad size with 400', async () => {
    const { url } = await startTestServer()
    for (const body of [{ rate: 1001 }, { rate: 5, size: 0 }, { rate: -1 }, { rate: 'fast' }]) {
      const response = await postJson(`${url}/api/lab/ticker`, body)
      expect(response.status).toBe(400)
    }
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
    const response = await postJson(`${url}/api/lab/kill`, { client: 'victim', transport: 'sse' })
    expect(await response.json()).toEqual({ client: 'victim', transport: 'sse', killed: 1 })
    await victim.done
    const killedWs = await postJson(`${url}/api/lab/kill`, { client: 'victim', transport: 'ws' })
    expect(((await killedWs.json()) as { killed: number }).killed).toBe(1)
    expect((await ws.closed).code).toBe(1006)
    await postJson(`${url}/api/messages`, { user: 'ana', text: 'still flowing' })
    await bystander.waitFor(() => bystander.messages().length === 1)
  })

  it('a polling client just carries on after its socket is dropped', async () => {
    const { url } = await startTestServer()
    const poller = startPollClient(url, 'longpoll', { client: 'lp', timeoutMs: 10_000 })
    await eventually(async () => {
      const { killed } = (await (
        await postJson(`${url}/api/lab/kill`, { client: 'lp', transport: 'longpoll' })
      ).json()) as {
        killed: number
      }
      expect(killed).toBe(1)
    })
    await postJson(`${url}/api/messages`, { user: 'ana', text: 'after the drop' })
    await poller.waitForCount(1)
    await poller.stop()
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

  it('needs a client id', async () => {
    const { url } = await startTestServer()
    expect((await fetch(`${url}/api/lab/stats`)).status).toBe(400)
  })
})
