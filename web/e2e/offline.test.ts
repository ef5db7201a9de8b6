import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../../scripts/chromium.ts'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { startServer } from '../../server/src/server.ts'
import { panel, screenshot, TRANSPORTS } from './lab-page.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
}

/** The built page on a plain static host: no wirelab server behind it. */
function staticHost(dist: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const file = join(dist, normalize(path === '/' ? '/index.html' : path))
    try {
      const body = await readFile(file)
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('without a server', () => {
  it('says that no server answers and how to start one, and shows no number', async () => {
    const host = await staticHost(inject('webDist'))
    const { port } = host.address() as AddressInfo
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    const banner = page.locator('[data-server-banner]')
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await banner.textContent()).toMatch(/No wirelab server answers at .*npm start/)
    expect(await page.locator('html').getAttribute('data-server')).toBe('offline')
    for (const transport of TRANSPORTS) {
      expect(await panel(page, transport).locator('[data-part="p50"]').textContent()).toBe('—')
      expect(await panel(page, transport).locator('[data-figure="bytesUp"]').textContent()).toBe(
        '—',
      )
    }
    await page.locator('button[data-lang="pt-BR"]').click()
    expect(await banner.textContent()).toMatch(/Nenhum servidor wirelab responde/)
    await screenshot(page, 'no-server')
    await page.close()
    await new Promise((resolve) => host.close(resolve))
  }, 60_000)

  it('says when the server it was using stops answering, clears that when it is back, and shows its new log', async () => {
    const config = { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', webDist: inject('webDist') }
    const first = await startServer(config)
    await fetch(`${first.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'e2e-lost', user: 'ana', text: 'before the restart' }),
    })
    const page = await browser.newPage()
    await page.goto(`${first.url}/?room=e2e-lost&ticker=0`)
    await page.locator('html[data-client]').waitFor()
    const banner = page.locator('[data-server-banner]')
    expect(await banner.isVisible()).toBe(false)
    await first.close()
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true)
    expect(await banner.textContent()).toMatch(/stopped answering/)
    const second = await startServer({ ...config, port: first.port })
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(false)
    // The restarted server's log starts again at seq 1: the page shows it, after a marker.
    await fetch(`${second.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'e2e-lost', user: 'ana', text: 'after the restart' }),
    })
    const conversation = page.locator('wl-conversation')
    await conversation.locator('li.restart').waitFor({ timeout: 15_000 })
    await expect
      .poll(() => conversation.locator('li.chat .text').last().textContent(), { timeout: 15_000 })
      .toBe('after the restart')
    await expect
      .poll(() => panel(page, 'ws').locator('[data-part="continuity"]').getAttribute('data-resets'))
      .toBe('1')
    await page.close()
    await second.close()
  }, 60_000)
})
