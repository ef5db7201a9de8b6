import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../../scripts/chromium.ts'
import { type RunningNginx, startNginx } from '../../server/src/cluster/nginx.ts'
import { type RunningRedis, startRedis } from '../../server/src/cluster/redis-server.ts'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'
import {
  openLab,
  panel,
  postMessages,
  screenshot,
  TRANSPORTS,
  waitForOpen,
  waitForReceived,
} from './lab-page.ts'

// Issue 14 on the page: two instances sharing one log in a real redis-server, a real nginx in
// front (round robin), the page opened through nginx in a real Chromium.

let redis: RunningRedis
let nginx: RunningNginx
const instances: RunningServer[] = []
let browser: Browser

beforeAll(async () => {
  redis = await startRedis()
  for (const name of ['i1', 'i2']) {
    instances.push(
      await startServer({
        ...DEFAULT_CONFIG,
        port: 0,
        host: '127.0.0.1',
        webDist: inject('webDist'),
        store: redis.url,
        instance: name,
        trustProxy: ['127.0.0.1'],
      }),
    )
  }
  nginx = await startNginx(instances.map((instance) => `127.0.0.1:${instance.port}`))
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await nginx?.stop()
  await Promise.all(instances.map((instance) => instance.close()))
  await redis?.remove()
})

const instanceOf = (page: Parameters<typeof panel>[0], transport: (typeof TRANSPORTS)[number]) =>
  panel(page, transport).getAttribute('data-instance')

describe('the page through nginx, two instances', () => {
  it('shows which instance served each transport, and loses nothing when one of them stops', async () => {
    const { page, errors } = await openLab(browser, nginx.url, 'hop', {
      query: 'ticker=0',
    })
    await waitForOpen(page)
    // Short polls go to each instance in turn: the panel's badge names both over a few polls.
    const seen = new Set<string>()
    await expect
      .poll(
        async () => {
          seen.add((await instanceOf(page, 'poll')) ?? '')
          return [...seen].filter(Boolean).sort()
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual(['i1', 'i2'])
    const badge = panel(page, 'ws').locator('[data-part="instance"]')
    await expect.poll(() => badge.textContent()).toMatch(/^instance i[12]$/)
    await postMessages(nginx.url, 'hop', ['one', 'two', 'three'])
    for (const transport of TRANSPORTS) await waitForReceived(page, transport, 3)
    // The page's meter is one instance's: a transport another instance also served says so.
    const partial = panel(page, 'poll').locator('[data-part="wire-note"]')
    await expect.poll(() => partial.isVisible()).toBe(true)
    expect(await partial.textContent()).toMatch(
      /^(Counted by instance i[12] only: this transport also went through i[12]|These figures are instance i[12]’s meter, but this transport went through i[12])/,
    )
    // The side-by-side table marks that transport's wire figures as one instance's share.
    const pollRow = page.locator('wl-summary-table tbody tr').first()
    await expect.poll(() => pollRow.locator('td.partial').count()).toBeGreaterThan(0)
    await screenshot(page, 'cluster-two-instances')
    // The instance holding the WebSocket goes away: the panel reconnects through nginx.
    const wsInstance = await instanceOf(page, 'ws')
    const stopping = instances.find((instance) => instance.instance === wsInstance)
    expect(stopping).toBeDefined()
    await stopping?.close()
    instances.splice(instances.indexOf(stopping as RunningServer), 1)
    const other = wsInstance === 'i1' ? 'i2' : 'i1'
    await expect.poll(() => instanceOf(page, 'ws'), { timeout: 20_000 }).toBe(other)
    await postMessages(nginx.url, 'hop', ['four', 'five'])
    for (const transport of TRANSPORTS) {
      await waitForReceived(page, transport, 5)
      const continuity = panel(page, transport).locator('[data-part="continuity"]')
      await expect.poll(() => continuity.getAttribute('data-ok')).toBe('true')
      expect(await panel(page, transport).getAttribute('data-received')).toBe('5')
    }
    expect(errors).toEqual([])
  }, 90_000)
})
