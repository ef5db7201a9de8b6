import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { appendMany, startTestServer } from './harness.ts'

// Requests no page sends, that a script or a confused proxy can: each must get a clear answer and
// leave nothing running behind it (issue: HEAD and upgrade requests once left SSE subscriptions
// and stats timers alive forever).

const HANDSHAKE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'

interface RawAnswer {
  status: number
  head: string
  body: string
}

/** Sends raw bytes on a fresh socket; resolves with what came back once the server closes it. */
function rawRequest(port: number, text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let received = ''
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      received += chunk
      // A HEAD answer has no body and the connection may stay open: its head is the answer.
      if (text.startsWith('HEAD ') && received.includes('\r\n\r\n')) socket.end()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body })
    })
  })
}

const upgrade = (method: string, target: string, extra = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${HANDSHAKE}${extra}\r\n`

/** The gauges of /metrics that must fall back to 0 when nobody is connected. */
async function liveGauges(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text()
  const gauges: Record<string, number> = {}
  for (const [, name, labels, value] of text.matchAll(
    /^(wirelab_live|wirelab_feed_subscriptions)(\{[^}]*\})? (\d+)$/gm,
  )) {
    gauges[`${name}${labels ?? ''}`] = Number(value)
  }
  return gauges
}

describe('odd requests', () => {
  it.each([
    ['GET /api/sse with a WebSocket handshake', 400, 'unsupported', upgrade('GET', '/api/sse')],
    ['GET /api/longpoll with a handshake', 400, 'unsupported', upgrade('GET', '/api/longpoll')],
    ['GET /api/poll with a handshake', 400, 'unsupported', upgrade('GET', '/api/poll')],
    ['GET /metrics with a handshake', 400, 'unsupported', upgrade('GET', '/metrics')],
    ['GET / with a handshake', 400, 'unsupported', upgrade('GET', '/')],
    ['GET /nowhere with a handshake', 400, 'unsupported', upgrade('GET', '/nowhere')],
    [
      'POST /api/messages with a handshake (the method is kept)',
      400,
      'unsupported',
      upgrade('POST', '/api/messages', 'Content-Length: 2\r\n'),
    ],
    ['POST /ws with a handshake', 405, 'method_not_allowed', upgrade('POST', '/ws')],
    ['GET /ws with a bad room', 400, 'bad_request', upgrade('GET', '/ws?room=BAD!')],
    [
      'GET /ws without Connection: Upgrade',
      400,
      'bad_request',
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n',
    ],
    [
      'GET /ws upgrading to another protocol',
      400,
      'bad_request',
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n',
    ],
    [
      'GET /api/sse upgrading to another protocol',
      400,
      'unsupported',
      'GET /api/sse HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n',
    ],
    [
      'GET /ws with a Host that is no host',
      400,
      'bad_request',
      `GET /ws HTTP/1.1\r\nHost: a b[\r\n${HANDSHAKE}\r\n`,
    ],
  ])('answers %s with %i and a JSON error %s', async (_name, status, code, text) => {
    const { port } = await startTestServer()
    const answer = await rawRequest(port, text)
    expect(answer.status, answer.head).toBe(status)
    expect(answer.head).toMatch(/content-type: application\/json/i)
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code } })
  })

  it.each(['/api/sse', '/api/longpoll', '/api/lab/stats?client=odd', '/ws'])(
    'answers HEAD %s with 405 and Allow: GET, at once',
    async (target) => {
      const { port } = await startTestServer()
      const answer = await rawRequest(port, `HEAD ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
      expect(answer.status).toBe(405)
      expect(answer.head).toMatch(/^allow: GET$/im)
    },
  )

  it('leaves no stream, subscription or timer behind, however many times they come', async () => {
    const server = await startTestServer()
    const leaky = [
      'HEAD /api/sse HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'HEAD /api/lab/stats?client=odd&room=lobby HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      upgrade('GET', '/api/sse'),
      upgrade('GET', '/api/lab/stats?client=odd&room=lobby'),
      upgrade('GET', '/api/longpoll?timeout=60000'),
    ]
    const rssBefore = process.memoryUsage().rss
    for (let round = 0; round < 40; round++) {
      await Promise.all(leaky.map((text) => rawRequest(server.port, text)))
    }
    // What once leaked kept every message of the room in its stream's buffer.
    await appendMany(server.url, 300)
    expect(await liveGauges(server.url)).toEqual({
      'wirelab_live{kind="sse_streams"}': 0,
      'wirelab_live{kind="long_polls"}': 0,
      'wirelab_live{kind="stats_streams"}': 0,
      'wirelab_live{kind="stats_timers"}': 0,
      wirelab_feed_subscriptions: 0,
    })
    expect(server.feed.listenerCount()).toBe(0)
    // 200 requests and 300 messages: a few MiB at most once nothing holds on to them.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024)
  }, 60_000)

  it('counts real streams in the gauges while they are open, and back to 0 after', async () => {
    const server = await startTestServer()
    const controller = new AbortController()
    const streams = await Promise.all([
      fetch(`${server.url}/api/sse`, { signal: controller.signal }),
      fetch(`${server.url}/api/lab/stats?client=g&room=lobby`, { signal: controller.signal }),
    ])
    const held = fetch(`${server.url}/api/longpoll?timeout=60000`, { signal: controller.signal })
    await expect
      .poll(() => liveGauges(server.url))
      .toEqual({
        'wirelab_live{kind="sse_streams"}': 1,
        'wirelab_live{kind="long_polls"}': 1,
        'wirelab_live{kind="stats_streams"}': 1,
        'wirelab_live{kind="stats_timers"}': 1,
        // The SSE stream and the long poll.
        wirelab_feed_subscriptions: 2,
      })
    controller.abort()
    await held.catch(() => {})
    for (const response of streams) await response.body?.cancel().catch(() => {})
    await expect
      .poll(() => liveGauges(server.url))
      .toEqual({
        'wirelab_live{kind="sse_streams"}': 0,
        'wirelab_live{kind="long_polls"}': 0,
        'wirelab_live{kind="stats_streams"}': 0,
        'wirelab_live{kind="stats_timers"}': 0,
        wirelab_feed_subscriptions: 0,
      })
  })
})
