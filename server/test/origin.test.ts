import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { isOrigin } from '../src/config.ts'
import { isAllowedOrigin } from '../src/http/origin.ts'
import type { StatsSnapshot } from '../src/protocol.ts'
import { getJson, startTestServer } from './harness.ts'

// Seeds 004, "security": a WebSocket handshake carries the page's Origin, and the server must
// check it; and a page on another site can make a browser POST here (a form, a no-cors fetch).

const EVIL = 'http://evil.example'

/** Opens a WebSocket as a browser page of `origin` would; resolves with the status it got. */
function handshake(url: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`, origin ? { origin } : {})
    ws.once('open', () => {
      ws.terminate()
      resolve({ status: 101, body: '' })
    })
    ws.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    ws.once('error', reject)
  })
}

describe('isAllowedOrigin', () => {
  it('allows no Origin, the server’s own, localhost on any port, and the listed ones only', () => {
    const host = '10.0.0.5:3000'
    expect(isAllowedOrigin(undefined, host, [])).toBe(true)
    expect(isAllowedOrigin('http://10.0.0.5:3000', host, [])).toBe(true)
    expect(isAllowedOrigin('http://localhost:5173', host, [])).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:8080', host, [])).toBe(true)
    expect(isAllowedOrigin('http://[::1]:3000', host, [])).toBe(true)
    expect(isAllowedOrigin('http://10.0.0.5:3001', host, [])).toBe(false)
    expect(isAllowedOrigin(EVIL, host, [])).toBe(false)
    expect(isAllowedOrigin('null', host, [])).toBe(false)
    expect(isAllowedOrigin('http://localhost.evil.example', host, [])).toBe(false)
    expect(isAllowedOrigin(EVIL, host, [EVIL])).toBe(true)
  })

  it("accepts the server's own page on a request through one of its shaping proxies", () => {
    const serverPorts = (port: number) => port === 3000 || port === 41000
    const proxied = '10.0.0.5:41000'
    expect(isAllowedOrigin('http://10.0.0.5:3000', proxied, [], serverPorts)).toBe(true)
    expect(isAllowedOrigin('http://10.0.0.5:3001', proxied, [], serverPorts)).toBe(false)
    expect(isAllowedOrigin('http://10.0.0.6:3000', proxied, [], serverPorts)).toBe(false)
    expect(isAllowedOrigin('http://10.0.0.5:3000', '10.0.0.5:41001', [], serverPorts)).toBe(false)
    expect(isAllowedOrigin('http://10.0.0.5:3000', proxied, [])).toBe(false)
  })

  it('takes --allow-origin values that are bare origins only', () => {
    expect(isOrigin('https://example.edu')).toBe(true)
    expect(isOrigin('http://10.0.0.5:8080')).toBe(true)
    expect(['https://example.edu/', 'example.edu', 'ftp://x.y', '*'].filter(isOrigin)).toEqual([])
  })
})

describe('the Origin check', () => {
  it('refuses a WebSocket handshake from another site with 403 and a JSON body', async () => {
    const { url } = await startTestServer()
    const refused = await handshake(url, EVIL)
    expect(refused.status).toBe(403)
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'forbidden' } })
    expect(refused.body).toContain('--allow-origin http://evil.example')
    expect((await handshake(url, url)).status).toBe(101)
    expect((await handshake(url, 'http://localhost:5173')).status).toBe(101)
    expect((await handshake(url)).status).toBe(101)
  })

  it('lets the origins given with --allow-origin in', async () => {
    const { url } = await startTestServer({ allowOrigins: [EVIL] })
    expect((await handshake(url, EVIL)).status).toBe(101)
  })

  it.each([
    ['/api/messages', '{"user":"eve","text":"spam"}'],
    ['/api/stats/reset', ''],
    ['/api/lab/ticker', '{"room":"lobby","rate":50}'],
    ['/api/lab/kill', '{"client":"victim","transport":"ws"}'],
  ])(
    'refuses a cross-site POST %s: 403 from another origin, 415 as text/plain',
    async (path, body) => {
      const server = await startTestServer()
      await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"ana","text":"before"}',
      })
      const fromEvil = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: EVIL },
        body,
      })
      expect(fromEvil.status).toBe(403)
      expect(fromEvil.headers.get('cache-control')).toBe('no-store')
      // What a form or a no-cors fetch can send, with or without an Origin the server accepts.
      const plain = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body,
      })
      expect(plain.status).toBe(415)
      expect(await plain.json()).toMatchObject({ error: { code: 'unsupported' } })
      // Nothing changed: one message, its POST still counted, no ticker.
      expect(await server.feed.head('lobby')).toBe(1)
      const stats = await getJson<StatsSnapshot>(`${server.url}/api/stats`)
      expect(stats.transports.send.requests).toBeGreaterThanOrEqual(1)
      const { tickers } = (await (await fetch(`${server.url}/api/lab/ticker`)).json()) as {
        tickers: { rate: number }[]
      }
      expect(tickers.filter((ticker) => ticker.rate > 0)).toEqual([])
    },
  )
})
