import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { SendLimiter, TokenBucket } from '../src/http/rate-limit.ts'
import { openWs, startTestServer } from './harness.ts'

// Seeds 004, "rate limiting": one script must not be able to flood a room, nor hold every
// connection the server can take.

const json = { 'content-type': 'application/json' }
const postAs = (base: string, client: string, text: string) =>
  fetch(`${base}/api/messages?client=${client}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ user: 'eve', text }),
  })

describe('TokenBucket and SendLimiter', () => {
  it('lets a burst of twice the rate through, then one send per 1/rate s', () => {
    let now = 0
    const limiter = new SendLimiter({ perClient: 10, perIp: 1000 }, () => now)
    const first = Array.from({ length: 21 }, () => limiter.check('1.2.3.4', 'page'))
    expect(first.slice(0, 20)).toEqual(Array(20).fill(0))
    expect(first[20]).toBe(100)
    now += 100
    expect(limiter.check('1.2.3.4', 'page')).toBe(0)
    expect(limiter.check('1.2.3.4', 'other-page')).toBe(0)
  })

  it('limits an address whatever client ids it claims, and forgets idle senders', () => {
    let now = 0
    const limiter = new SendLimiter({ perClient: 1000, perIp: 5 }, () => now)
    const waits = Array.from({ length: 11 }, (_, i) => limiter.check('5.6.7.8', `id-${i}`))
    expect(waits.filter((wait) => wait > 0)).toHaveLength(1)
    now += 60_000
    limiter.check('9.9.9.9', undefined)
    expect(limiter.size).toBe(1)
  })

  it('never refills beyond its burst', () => {
    const bucket = new TokenBucket(2, 4, 0)
    const taken = Array.from({ length: 6 }, () => bucket.take(10_000_000))
    expect(taken.map((wait) => wait === 0)).toEqual([true, true, true, true, false, false])
  })
})

describe('the server’s limits', () => {
  it('answers a flood of POSTs with 429 rate_limited and Retry-After, and stores only what passed', async () => {
    // 1 message a second, bursts of 2: however loaded the machine, 30 at once cannot all pass.
    const server = await startTestServer({ sendRatePerClient: 1 })
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postAs(server.url, 'flood', `m${i}`)),
    )
    const statuses = answers.map((answer) => answer.status)
    const refused = answers.filter((answer) => answer.status === 429)
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(2)
    expect(refused.length).toBeGreaterThan(0)
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await refused[0]?.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect(await server.feed.head('lobby')).toBe(statuses.filter((status) => status === 201).length)
    // Another page is not held back by the flooder.
    expect((await postAs(server.url, 'calm', 'oi')).status).toBe(201)
  })

  it('answers a flood of WebSocket sends with error frames, and the socket stays open', async () => {
    const server = await startTestServer({ sendRatePerClient: 1 })
    const client = openWs(`${server.url.replace('http', 'ws')}/ws?client=wsflood`)
    await client.opened
    for (let i = 0; i < 30; i++) client.send({ type: 'send', user: 'eve', text: `w${i}` })
    await client.waitFor(
      () => client.frames.filter((f) => f.type === 'ack' || f.type === 'error').length === 30,
    )
    const errors = client.frames.filter((frame) => frame.type === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]).toMatchObject({ type: 'error', code: 'rate_limited' })
    expect(client.ws.readyState).toBe(1)
    expect(await server.feed.head('lobby')).toBe(30 - errors.length)
  })

  it('refuses connections past --max-connections-ip with 503, and takes them again once some close', async () => {
    const server = await startTestServer({ maxConnectionsPerIp: 5 })
    const held = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const socket = connect(server.port, '127.0.0.1')
        await new Promise((resolve) => socket.once('connect', resolve))
        return socket
      }),
    )
    const refused = await fetch(`${server.url}/api/time`)
    expect(refused.status).toBe(503)
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
    for (const socket of held) socket.destroy()
    await expect.poll(async () => (await fetch(`${server.url}/api/time`)).status).toBe(200)
  })
})
