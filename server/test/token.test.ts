import { describe, expect, it } from 'vitest'
import type { ExchangeLog } from '../src/protocol.ts'
import { getJson, openWs, startTestServer } from './harness.ts'

// Seeds 004, "authenticate at the handshake": with --token, no transport serves a client that
// does not carry it, and the exchange log never shows it.

const TOKEN = 'classroom-42-secret'

describe('--token', () => {
  it('refuses every HTTP transport without it (401), and serves it by header or query', async () => {
    const { url } = await startTestServer({ token: TOKEN })
    for (const path of ['/api/poll', '/api/longpoll?timeout=0', '/api/sse', '/api/history']) {
      const refused = await fetch(`${url}${path}`)
      expect(refused.status, path).toBe(401)
      expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } })
    }
    const wrong = await fetch(`${url}/api/poll`, { headers: { authorization: 'Bearer nope' } })
    expect((await wrong.json()).error.message).toBe('this token is not the server’s')
    expect((await fetch(`${url}/api/poll?token=${TOKEN}`)).status).toBe(200)
    const bearer = await fetch(`${url}/api/poll`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(bearer.status).toBe(200)
    // The page, its assets and the clock stay open: a page must load to learn it needs a token.
    expect((await fetch(`${url}/api/time`)).status).toBe(200)
  })

  it('lets the page link /?token= set a cookie that the page’s own requests then carry', async () => {
    const { url } = await startTestServer({ token: TOKEN })
    const page = await fetch(`${url}/?token=${TOKEN}`, { redirect: 'manual' })
    const cookie = page.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^wirelab_token=classroom-42-secret; Path=\/; HttpOnly; SameSite=Strict/)
    const withCookie = await fetch(`${url}/api/poll`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    })
    expect(withCookie.status).toBe(200)
  })

  it('opens a WebSocket without it and closes it at once with 1008, saying why', async () => {
    const { url } = await startTestServer({ token: TOKEN })
    const base = url.replace('http', 'ws')
    const refused = openWs(`${base}/ws`)
    expect(await refused.closed).toEqual({
      code: 1008,
      reason: 'this server wants its token: ?token=<token>',
    })
    expect(refused.frames).toEqual([])
    const allowed = openWs(`${base}/ws?token=${TOKEN}`)
    await allowed.waitFor(() => allowed.frames.some((frame) => frame.type === 'hello'))
  })

  it('never shows the token in the exchange log', async () => {
    const { url } = await startTestServer({ token: TOKEN })
    await fetch(`${url}/api/poll?client=t&token=${TOKEN}`)
    const log = await getJson<ExchangeLog>(
      `${url}/api/lab/exchanges?client=t&transport=poll&token=${TOKEN}`,
    )
    const text = JSON.stringify(log)
    expect(text).not.toContain(TOKEN)
    expect(text).toContain(`token=${'*'.repeat(TOKEN.length)}`)
  })
})
