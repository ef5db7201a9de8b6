import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { eventually, getBatch, openSse, openWs, post, seqsOf, startTestServer } from './harness.ts'

const wsUrl = (url: string, query = '') => `${url.replace('http', 'ws')}/ws${query}`

describe('WebSocket bad input', () => {
  it('closes with 1009 on a frame over 64 KiB, and others keep their connection', async () => {
    const { url } = await startTestServer()
    const bystander = openWs(wsUrl(url))
    const offender = openWs(wsUrl(url))
    await Promise.all([bystander.opened, offender.opened])
    offender.ws.send('x'.repeat(64 * 1024 + 1))
    expect((await offender.closed).code).toBe(1009)
    await post(url, { user: 'ana', text: 'ainda aqui' })
    await bystander.waitFor(() => bystander.messages().length === 1)
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('closes with 1007 on a text frame that is not UTF-8', async () => {
    const { url } = await startTestServer()
    const client = openWs(wsUrl(url))
    await client.opened
    client.ws.send(Buffer.from([0xc3, 0x28]), { binary: false })
    expect((await client.closed).code).toBe(1007)
  })

  it('answers bad JSON, a bad shape and a binary frame with an error and stays open', async () => {
    const { url } = await startTestServer()
    const client = openWs(wsUrl(url))
    await client.opened
    client.ws.send('{not json')
    client.send({ type: 'send', user: 'ana' })
    client.send({ type: 'shout', user: 'ana', text: 'x' })
    client.ws.send(Buffer.from([1, 2, 3]))
    await client.waitFor(() => client.frames.filter((f) => f.type === 'error').length === 4)
    const errors = client.frames.filter((f) => f.type === 'error')
    expect(errors.map((e) => e.code)).toEqual([
      'bad_request',
      'bad_request',
      'bad_request',
      'unsupported',
    ])
    expect(errors[0]?.message).toContain('JSON')
    expect(errors[1]?.message).toContain('text is required')
    expect(errors[2]?.message).toContain('type')
    client.send({ type: 'send', user: 'ana', text: 'valendo' })
    await client.waitFor(() => client.messages().length === 1)
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
  })

  it('refuses a bad room or cursor before the upgrade with 400', async () => {
    const { url } = await startTestServer()
    await expect(openWs(wsUrl(url, '?room=NOPE')).opened).rejects.toThrow('400')
    await expect(openWs(wsUrl(url, '?since=x')).opened).rejects.toThrow('400')
  })
})

describe('WebSocket heartbeat', () => {
  it('terminates a client that does not answer pings', async () => {
    const { url } = await startTestServer({ wsHeartbeatMs: 100 })
    const silent = openWs(wsUrl(url), { autoPong: false })
    // Counted from the start: on a loaded machine the first ping can come before both are open.
    let pings = 0
    silent.ws.on('ping', () => pings++)
    const healthy = openWs(wsUrl(url))
    await Promise.all([silent.opened, healthy.opened])
    const { code } = await silent.closed
    expect(code).toBe(1006) // terminated: no close frame
    expect(pings).toBeGreaterThanOrEqual(1)
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN)
  })
})

describe('WebSocket heartbeat chosen by the client', () => {
  it('pings at the interval the client asked for (?heartbeat=ms)', async () => {
    const { url } = await startTestServer({ wsHeartbeatMs: 60_000 })
    const silent = openWs(wsUrl(url, '?heartbeat=100'), { autoPong: false })
    await silent.opened
    expect((await silent.closed).code).toBe(1006)
  })

  it('refuses a heartbeat out of range before the upgrade', async () => {
    const { url } = await startTestServer()
    await expect(openWs(wsUrl(url, '?heartbeat=5')).opened).rejects.toThrow('400')
  })
})

describe('graceful shutdown', () => {
  it('closes WebSockets with 1001, ends SSE streams and answers long polls', async () => {
    const server = await startTestServer()
    const { url, feed } = server
    await post(url, { user: 'ana', text: 'antes' })
    const ws = openWs(wsUrl(url))
    const sse = openSse(`${url}/api/sse?since=0`)
    const longpoll = getBatch(`${url}/api/longpoll?since=1&timeout=60000`)
    await ws.waitFor(() => ws.messages().length === 1)
    await sse.waitFor(() => sse.messages().length === 1)
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(3))
    await server.close()
    expect((await ws.closed).code).toBe(1001)
    await sse.done
    expect(seqsOf((await longpoll).messages)).toEqual([])
  })
})
