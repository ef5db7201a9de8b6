import { describe, expect, it } from 'vitest'
import type { ErrorBody } from '../src/protocol.ts'
import { getBatch, openWs, post, seqsOf, startTestServer } from './harness.ts'

async function expectError(response: Response, status: number, code: string, mentions: string) {
  expect(response.status).toBe(status)
  const body = (await response.json()) as ErrorBody
  expect(body.error.code).toBe(code)
  expect(body.error.message).toContain(mentions)
}

describe('POST /api/messages', () => {
  it('appends with the next seq and a server timestamp', async () => {
    const { url } = await startTestServer()
    const before = Date.now()
    const response = await post(url, { user: 'ana', text: 'olá' })
    expect(response.status).toBe(201)
    const { seq, ts } = (await response.json()) as { seq: number; ts: number }
    expect(seq).toBe(1)
    expect(ts).toBeGreaterThanOrEqual(before)
    const batch = await getBatch(`${url}/api/history`)
    expect(batch.messages).toEqual([
      { seq: 1, ts, room: 'lobby', kind: 'chat', user: 'ana', text: 'olá' },
    ])
  })

  it('appends once for a clientMsgId sent twice and answers the same seq', async () => {
    const { url } = await startTestServer()
    const message = { user: 'ana', text: 'uma vez', clientMsgId: 'c-1' }
    const first = await post(url, message)
    const again = await post(url, message)
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(await first.json())
    expect(seqsOf((await getBatch(`${url}/api/history`)).messages)).toEqual([1])
  })

  it('refuses a clientMsgId reused for a different message with 409', async () => {
    const { url } = await startTestServer()
    await post(url, { user: 'ana', text: 'a', clientMsgId: 'c-1' })
    await expectError(
      await post(url, { user: 'ana', text: 'b', clientMsgId: 'c-1' }),
      409,
      'conflict',
      'c-1',
    )
  })

  it('answers 400 naming the field for each bad body', async () => {
    const { url } = await startTestServer()
    await expectError(await post(url, '{"user":'), 400, 'bad_request', 'JSON')
    await expectError(await post(url, { text: 'x' }), 400, 'bad_request', 'user is required')
    await expectError(
      await post(url, { user: '', text: 'x' }),
      400,
      'bad_request',
      'user must not be empty',
    )
    await expectError(
      await post(url, { user: 'u'.repeat(33), text: 'x' }),
      400,
      'bad_request',
      'user must be at most 32',
    )
    await expectError(
      await post(url, { user: 'ana', text: 't'.repeat(2001) }),
      400,
      'bad_request',
      'text must be at most 2000',
    )
    await expectError(
      await post(url, { user: 'ana', text: 7 }),
      400,
      'bad_request',
      'text must be a string',
    )
    await expectError(
      await post(url, { user: 'ana', text: 'x', room: 'Sala!' }),
      400,
      'bad_request',
      'room',
    )
    await expectError(
      await post(url, { user: 'ana', text: 'x', extra: 1 }),
      400,
      'bad_request',
      'extra',
    )
    // A lone surrogate has no UTF-8 form: Redis would give back another text than was sent.
    for (const field of ['user', 'text', 'clientMsgId']) {
      const body = { user: 'ana', text: 'x', [field]: 'k\ud800' }
      await expectError(await post(url, body), 400, 'bad_request', `${field} must be valid Unicode`)
    }
  })

  it('answers 413 to a body over 16 KiB and keeps serving', async () => {
    const { url } = await startTestServer()
    const huge = JSON.stringify({ user: 'ana', text: 'x'.repeat(20_000) })
    await expectError(await post(url, huge), 413, 'payload_too_large', '16384')
    expect((await post(url, { user: 'ana', text: 'still here' })).status).toBe(201)
  })
})

describe('query parameters', () => {
  it('answers 400 with a sentence naming the parameter', async () => {
    const { url } = await startTestServer()
    const cases: [string, string][] = [
      ['/api/poll?since=-1', 'since'],
      ['/api/poll?since=1.5', 'since'],
      ['/api/poll?room=Lobby', 'room'],
      ['/api/poll?limit=0', 'limit must be at least 1'],
      ['/api/poll?limit=501', 'limit must be at most 500'],
      ['/api/longpoll?timeout=60001', 'timeout must be at most 60000'],
      ['/api/longpoll?timeout=soon', 'timeout must be a non-negative integer'],
      ['/api/history?limit=9999', 'limit'],
      ['/api/poll?epoch=%20', 'epoch'],
      ['/api/poll?client=a%20b', 'client'],
    ]
    for (const [path, mentions] of cases) {
      await expectError(await fetch(url + path), 400, 'bad_request', mentions)
    }
  })

  it('answers 400 to a malformed Last-Event-ID', async () => {
    const { url } = await startTestServer()
    const response = await fetch(`${url}/api/sse`, { headers: { 'Last-Event-ID': 'garbage' } })
    await expectError(response, 400, 'bad_request', 'Last-Event-ID')
  })

  it('answers unknown paths with a JSON 404 and a plain GET /ws with 426', async () => {
    const { url } = await startTestServer()
    await expectError(await fetch(`${url}/api/nope`), 404, 'not_found', '/api/nope')
    const plain = await fetch(`${url}/ws`)
    expect(plain.headers.get('upgrade')).toBe('websocket')
    await expectError(plain, 426, 'bad_request', 'Upgrade')
  })
})

describe('GET /api/time and /api/history', () => {
  it('gives the server clock and the last messages', async () => {
    const { url } = await startTestServer()
    for (let i = 1; i <= 4; i++) await post(url, { user: 'ana', text: `m${i}` })
    const { now } = (await (await fetch(`${url}/api/time`)).json()) as { now: number }
    expect(Math.abs(now - Date.now())).toBeLessThan(5_000)
    const batch = await getBatch(`${url}/api/history?limit=2`)
    expect(seqsOf(batch.messages)).toEqual([3, 4])
    expect(batch.head).toBe(4)
  })
})

describe('WebSocket send', () => {
  it('acks before delivering the sender’s own message, and appends a repeated clientMsgId once', async () => {
    const { url } = await startTestServer()
    const client = openWs(`${url.replace('http', 'ws')}/ws`)
    await client.opened
    client.send({ type: 'send', user: 'bia', text: 'oi', clientMsgId: 'w-1' })
    client.send({ type: 'send', user: 'bia', text: 'oi', clientMsgId: 'w-1' })
    await client.waitFor(() => client.frames.filter((f) => f.type === 'ack').length === 2)
    const kinds = client.frames.map((f) => f.type)
    expect(kinds).toEqual(['hello', 'ack', 'message', 'ack'])
    expect(client.frames[1]).toMatchObject({ type: 'ack', clientMsgId: 'w-1', seq: 1 })
    expect(client.frames[3]).toMatchObject({ type: 'ack', clientMsgId: 'w-1', seq: 1 })
    expect(seqsOf((await getBatch(`${url}/api/history`)).messages)).toEqual([1])
  })
})
