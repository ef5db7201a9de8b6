import { describe, expect, it } from 'vitest'
import { startTestServer } from './harness.ts'

describe('GET /api', () => {
  it.each([
    ['', {}],
    [' in class mode', { classMode: true }],
  ])(
    'lists every endpoint the server has%s, with a curl line, in both languages',
    async (_, mode) => {
      const { url, app } = await startTestServer(mode)
      // The app's own route table is the truth the page must match.
      const endpoints = new Set(
        app.routes
          .filter(
            (route) => route.method !== 'ALL' && route.path.startsWith('/') && route.path !== '/',
          )
          .filter((route) => route.path !== '/api' && !route.path.includes('*'))
          .map((route) => `${route.method} ${route.path}`),
      )
      expect(endpoints.size).toBeGreaterThan(10)
      for (const lang of ['en', 'pt-BR']) {
        const page = await (await fetch(`${url}/api?lang=${lang}`)).text()
        // The class's endpoints are listed in every mode: a reader learns what --class adds.
        const listed = new Set([...page.matchAll(/<code>(\w+ [^<]+)<\/code>/g)].map((m) => m[1]))
        expect([...endpoints].filter((endpoint) => !listed.has(endpoint))).toEqual([])
        expect(page.match(/<pre>curl|<pre>node/g)?.length).toBe(listed.size)
        expect(listed.has('POST /api/class/join')).toBe(true)
      }
    },
  )

  it('uses the page’s names for the transports in Portuguese', async () => {
    const { url } = await startTestServer()
    const page = await (await fetch(`${url}/api?lang=pt-BR`)).text()
    expect(page).toMatch(/Short polling:/)
    expect(page).not.toMatch(/[Pp]olling curto/)
  })
})
