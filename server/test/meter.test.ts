import { connect, type Socket, type TcpNetConnectOpts } from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  eventually,
  expectMeterEquals,
  getStats,
  onCleanup,
  post,
  rawSocket,
  startTestServer,
} from './harness.ts'
import { RawHttp } from './raw-http.ts'

/**
 * A WebSocket over the client's own TCP socket, so the test reads what really crossed the wire;
 * `frames` collects the text of every message it receives.
 */
async function openWatchedWebSocket(url: string, target: string) {
  let socket: Socket | undefined
  const ws = new WebSocket(`${url.replace('http', 'ws')}${target}`, {
    createConnection: ((options: TcpNetConnectOpts) => {
      socket = connect(options)
      return socket
    }) as typeof connect,
  })
  onCleanup(() => ws.terminate())
  const frames: string[] = []
  ws.on('message', (data) => frames.push(String(data)))
  await new Promise((resolve) => ws.once('open', resolve))
  if (!socket) throw new Error('no socket')
  return { ws, frames, socket }
}

describe('wire meter equals the bytes a raw socket saw', () => {
  it('poll: several requests on one keep-alive socket', async () => {
    const { url, port } = await startTestServer()
    await post(url, { user: 'ana', text: 'a twenty-char text!!' })
    const socket = await rawSocket(port)
    const http = new RawHttp(socket)
    for (const since of [0, 1, 1]) {
      const response = await http.request('GET', `/api/poll?since=${since}&client=kp`)
      expect(response.status).toBe(200)
    }
    const stats = await expectMeterEquals(url, 'kp', 'poll', socket)
    expect(stats).toMatchObject({ requests: 3, connections: 1, messages: 1, emptyResponses: 2 })
  })

  it('longpoll: a held request answered by an append, then a timeout, on one socket', async () => {
    const { url, port, feed } = await startTestServer()
    const socket = await rawSocket(port)
    const http = new RawHttp(socket)
    const held = http.request('GET', '/api/longpoll?since=0&timeout=30000&client=kl')
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(1))
    await post(url, { user: 'ana', text: 'wake up' })
    expect((await held).status).toBe(200)
    await http.request('GET', '/api/longpoll?since=1&timeout=20&client=kl')
    const stats = await expectMeterEquals(url, 'kl', 'longpoll', socket)
    expect(stats).toMatchObject({ requests: 2, connections: 1, messages: 1, emptyResponses: 1 })
  })

  it('send: POSTs on one keep-alive socket, a 400 among them', async () => {
    const { url, port } = await startTestServer()
    const socket = await rawSocket(port)
    const http = new RawHttp(socket)
    expect(
      (await http.request('POST', '/api/messages?client=ks', '{"user":"ana","text":"um"}')).status,
    ).toBe(201)
    expect((await http.request('POST', '/api/messages?client=ks', '{"user":"ana"}')).status).toBe(
      400,
    )
    expect(
      (await http.request('POST', '/api/messages?client=ks', '{"user":"ana","text":"dois"}'))
        .status,
    ).toBe(201)
    const stats = await expectMeterEquals(url, 'ks', 'send', socket)
    expect(stats).toMatchObject({ requests: 3, connections: 1, messages: 2 })
  })

  it('sse: a live stream, counted while open and after the client leaves', async () => {
    const { url, port } = await startTestServer()
    await post(url, { user: 'ana', text: 'before' })
    const socket = await rawSocket(port)
    const http = new RawHttp(socket)
    socket.write(
      'GET /api/sse?since=0&client=ke HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n',
    )
    await http.readUntil((text) => text.includes('before'))
    await post(url, { user: 'ana', text: 'during' })
    await http.readUntil((text) => text.includes('during'))
    // Live: the stream is still open.
    await expectMeterEquals(url, 'ke', 'sse', socket)
    socket.destroy()
    const stats = await expectMeterEquals(url, 'ke', 'sse', socket)
    expect(stats).toMatchObject({ requests: 1, connections: 1, messages: 2 })
  })

  it('ws: handshake and frames both ways, split into handshake bytes and frames', async () => {
    const { url } = await startTestServer()
    const { ws, frames, socket } = await openWatchedWebSocket(url, '/ws?client=kw')
    ws.send(JSON.stringify({ type: 'send', user: 'ana', text: 'a twenty-char text!!' }))
    ws.ping()
    await eventually(() => expect(frames.length).toBe(3)) // hello, ack, message
    await new Promise((resolve) => setTimeout(resolve, 20)) // let the pong arrive
    const live = await expectMeterEquals(url, 'kw', 'ws', socket)
    expect(live).toMatchObject({
      requests: 1,
      connections: 1,
      messages: 1,
      framesIn: 2,
      framesOut: 4,
    })
    expect(live.handshakeBytesIn + live.handshakeBytesOut).toBeGreaterThan(200)
    ws.close(1000)
    await new Promise((resolve) => ws.once('close', resolve))
    const closed = await expectMeterEquals(url, 'kw', 'ws', socket)
    expect(closed).toMatchObject({ framesIn: 3, framesOut: 5 })
    expect(closed.handshakeBytesIn).toBe(live.handshakeBytesIn)
  })

  it('ws without client=: fan-out frames counted where they are written, not scanned, still exact', async () => {
    const { url } = await startTestServer()
    // No client=: a load generator's connection, whose frames the meter counts but never copies.
    const { ws, frames, socket } = await openWatchedWebSocket(url, '/ws?since=0')
    ws.on('pong', () => frames.push('pong'))
    for (const text of ['one', 'two', 'three']) await post(url, { user: 'ana', text })
    ws.ping()
    await eventually(() => expect(frames.length).toBe(5)) // hello, three messages, the pong
    const live = await expectMeterEquals(url, undefined, 'ws', socket)
    expect(live).toMatchObject({ messages: 3, framesIn: 1, framesOut: 5 })
    ws.close(1000)
    await new Promise((resolve) => ws.once('close', resolve))
    const closed = await expectMeterEquals(url, undefined, 'ws', socket)
    expect(closed).toMatchObject({ messages: 3, framesIn: 2, framesOut: 6 })
  })

  it('counts the meter’s own traffic under control, never under a transport', async () => {
    const { url } = await startTestServer()
    await getStats(url, 'kc')
    await getStats(url, 'kc')
    const stats = await getStats(url, 'kc')
    expect(stats.transports.control.requests).toBe(3)
    for (const transport of ['poll', 'longpoll', 'sse', 'ws', 'send'] as const) {
      expect(stats.transports[transport].bytesIn).toBe(0)
    }
  })

  it('reset zeroes one client, or all, and /metrics reports the same figures', async () => {
    const { url, operatorToken } = await startTestServer()
    await fetch(`${url}/api/poll?client=r1`)
    await fetch(`${url}/api/poll?client=r2`)
    await postReset(url, '?client=r1')
    expect((await getStats(url, 'r1')).transports.poll.requests).toBe(0)
    expect((await getStats(url, 'r2')).transports.poll.requests).toBe(1)
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toContain('# TYPE wirelab_bytes_total counter')
    expect(metrics).toMatch(/wirelab_requests_total\{transport="poll"\} 2\n/)
    await postReset(url, '', operatorToken)
    const after = await (await fetch(`${url}/metrics`)).text()
    expect(after).toMatch(/wirelab_requests_total\{transport="poll"\} 0\n/)
  })

  it('resets everyone only for the operator: 401 without the token, 403 with another', async () => {
    const { url, operatorToken } = await startTestServer()
    await fetch(`${url}/api/poll?client=r1`)
    const without = await postReset(url, '')
    expect(without.status).toBe(401)
    expect(await without.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect((await postReset(url, '', 'x'.repeat(operatorToken.length))).status).toBe(403)
    expect((await getStats(url, 'r1')).transports.poll.requests).toBe(1)
    expect((await postReset(url, '', operatorToken)).status).toBe(200)
    expect((await getStats(url, 'r1')).transports.poll.requests).toBe(0)
  })
})

function postReset(base: string, query: string, token?: string): Promise<Response> {
  return fetch(`${base}/api/stats/reset${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
  })
}
