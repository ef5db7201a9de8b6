import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTestServer } from './harness.ts'

describe('the web UI at /', () => {
  it('serves the built page and its hashed assets, counted as control', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'wirelab-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wirelab</title>')
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
    const { url } = await startTestServer({ webDist: dist })
    const page = await fetch(`${url}/?client=ui`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>wirelab</title>')
    const asset = await fetch(`${url}/assets/index-abc123.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const stats = (await (await fetch(`${url}/api/stats?client=ui`)).json()) as {
      transports: { control: { requests: number }; poll: { requests: number } }
    }
    expect(stats.transports.control.requests).toBeGreaterThanOrEqual(1)
    expect(stats.transports.poll.requests).toBe(0)
  })

  it('sends / to the API page when there is no build', async () => {
    const { url } = await startTestServer()
    const response = await fetch(url, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/api')
    const api = await fetch(`${url}/api`, { headers: { 'Accept-Language': 'pt-BR,pt;q=0.9' } })
    const html = await api.text()
    expect(html).toContain('wirelab — a API')
    expect(html).toContain('/api/longpoll')
  })
})
