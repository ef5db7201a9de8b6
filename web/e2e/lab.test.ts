import { describe, expect, it } from 'vitest'
import type { StatsSnapshot } from '../../server/src/protocol.ts'
import {
  listedSeqs,
  openLab,
  panel,
  postMessages,
  screenshot,
  sendFromComposer,
  TRANSPORTS,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

const lab = useLab()

describe('the lab page in Chromium', () => {
  it('shows the same 20 messages in order in all four panels, each with a latency figure', async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, 'e2e-same')
    await waitForOpen(page)
    await postMessages(
      lab.server.url,
      'e2e-same',
      range(1, 20).map((i) => `message ${i}`),
    )
    for (const transport of TRANSPORTS) {
      expect(await waitForSeqs(page, transport, 20)).toEqual(range(1, 20))
      await expect
        .poll(() => panel(page, transport).locator('[data-part="p50"]').textContent())
        .toMatch(/\d/)
    }
    await screenshot(page, 'four-panels-en')
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('shows on each panel the bytes /api/stats counts for this page', async () => {
    const { page, client } = await openLab(lab.browser, lab.server.url, 'e2e-bytes')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-bytes', ['one', 'two'])
    await waitForSeqs(page, 'poll', 2)
    await expect
      .poll(
        async () => {
          const stats = (await (
            await fetch(`${lab.server.url}/api/stats?client=${client}`)
          ).json()) as StatsSnapshot
          const mismatches: string[] = []
          for (const transport of TRANSPORTS) {
            const figures = panel(page, transport)
            const up = Number(
              await figures.locator('[data-figure="bytesUp"]').getAttribute('data-value'),
            )
            const down = Number(
              await figures.locator('[data-figure="bytesDown"]').getAttribute('data-value'),
            )
            const wire = stats.transports[transport]
            if (up !== wire.bytesIn || down !== wire.bytesOut) {
              mismatches.push(
                `${transport}: page ${up}/${down}, server ${wire.bytesIn}/${wire.bytesOut}`,
              )
            }
          }
          return mismatches
        },
        { timeout: 15_000, interval: 100 },
      )
      .toEqual([])
    await page.close()
  }, 60_000)

  it('loses and repeats nothing when the SSE and WebSocket connections are dropped', async () => {
    const { page, client } = await openLab(lab.browser, lab.server.url, 'e2e-drop')
    await waitForOpen(page)
    await postMessages(
      lab.server.url,
      'e2e-drop',
      range(1, 10).map((i) => `before ${i}`),
    )
    await waitForSeqs(page, 'sse', 10)
    await waitForSeqs(page, 'ws', 10)
    await panel(page, 'sse').locator('[data-part="drop"]').click()
    await panel(page, 'ws').locator('[data-part="drop"]').click()
    await postMessages(
      lab.server.url,
      'e2e-drop',
      range(11, 30).map((i) => `across ${i}`),
    )
    for (const transport of TRANSPORTS) {
      expect(await waitForSeqs(page, transport, 30, 30_000)).toEqual(range(1, 30))
      const continuity = panel(page, transport).locator('[data-part="continuity"]')
      await expect.poll(() => continuity.getAttribute('data-ok')).toBe('true')
    }
    const stats = (await (
      await fetch(`${lab.server.url}/api/stats?client=${client}`)
    ).json()) as StatsSnapshot
    expect(stats.transports.sse.connections).toBe(2)
    expect(stats.transports.ws.connections).toBe(2)
    await screenshot(page, 'after-drop')
    await page.close()
  }, 90_000)

  it('draws a sequence diagram from the real exchanges as an SVG', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-diagram')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-diagram', ['hi'])
    await waitForSeqs(page, 'longpoll', 1)
    const longpoll = panel(page, 'longpoll')
    await longpoll.locator('details[data-part="diagram-details"] summary').click()
    await longpoll.locator('wl-sequence-diagram svg').first().waitFor({ timeout: 20_000 })
    expect(await longpoll.locator('wl-sequence-diagram svg').count()).toBeGreaterThan(0)
    await screenshot(page, 'sequence-diagram')
    await page.close()
  }, 60_000)

  it('shows the raw frames of its WebSocket: a server text frame 81 …, a masked client frame', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-frames')
    await waitForOpen(page)
    await sendFromComposer(page, { user: 'bia', text: 'sent as a frame', via: 'ws' })
    await waitForSeqs(page, 'ws', 1)
    const inspector = page.locator('wl-frame-inspector')
    const serverText = inspector.locator('button[data-direction="out"][data-opcode="1"]').first()
    await serverText.waitFor({ timeout: 10_000 })
    expect(await serverText.getAttribute('data-hex')).toMatch(/^81 /)
    const clientText = inspector
      .locator('button[data-direction="in"][data-opcode="1"][data-masked="true"]')
      .first()
    await clientText.waitFor({ timeout: 10_000 })
    expect(await clientText.getAttribute('data-hex')).toMatch(/^81 [89a-f][0-9a-f] /)
    await clientText.click()
    await screenshot(page, 'frame-inspector')
    // A picked frame stays shown while newer ones arrive; picking it again follows the newest.
    const direction = () => inspector.locator('[data-part="fields"] dd').first().textContent()
    expect(await direction()).toBe('browser → server')
    await postMessages(lab.server.url, 'e2e-frames', ['after the pick'])
    await waitForSeqs(page, 'ws', 2)
    await inspector.locator('button.item[title*="after the pick"]').waitFor({ timeout: 10_000 })
    expect(await direction()).toBe('browser → server')
    await inspector.locator('button.item.selected').click()
    await expect.poll(direction).toBe('server → browser')
    await page.close()
  }, 60_000)

  it('shows the raw request and response heads of its last poll and long poll', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-heads')
    await waitForOpen(page)
    const inspector = page.locator('wl-http-inspector')
    // It refreshes only while it is on screen, as for a person who scrolled to it.
    await inspector.scrollIntoViewIfNeeded()
    await expect
      .poll(() => inspector.locator('pre[data-part="request"]').textContent(), { timeout: 10_000 })
      .toMatch(/^GET \/api\/poll\?[^\n]*HTTP\/1\.1\\r\\n\n/)
    expect(await inspector.locator('pre[data-part="response"]').textContent()).toMatch(
      /^HTTP\/1\.1 200 OK\\r\\n/,
    )
    await inspector.locator('button[data-transport="longpoll"]').click()
    await expect
      .poll(() => inspector.locator('pre[data-part="request"]').textContent())
      .toMatch(/^GET \/api\/longpoll\?/)
    await page.close()
  }, 60_000)

  it('shows a message with HTML in it as text and never runs it', async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, 'e2e-xss')
    await waitForOpen(page)
    const attack = '<img src=x onerror="window.__xss=1">'
    await postMessages(lab.server.url, 'e2e-xss', [attack])
    for (const transport of TRANSPORTS) {
      await waitForSeqs(page, transport, 1)
      const text = await panel(page, transport).locator('li[data-seq="1"] .text').textContent()
      expect(text).toBe(attack)
      expect(await panel(page, transport).locator('li img').count()).toBe(0)
    }
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('switches between English and Portuguese', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-lang')
    await page.locator('button[data-lang="pt-BR"]').click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pt-BR')
    expect(await panel(page, 'poll').locator('[data-part="how"]').textContent()).toMatch(
      /^O navegador/,
    )
    await waitForOpen(page)
    await screenshot(page, 'four-panels-pt-BR')
    await page.locator('button[data-lang="en"]').click()
    expect(await panel(page, 'poll').locator('[data-part="how"]').textContent()).toMatch(
      /^The browser/,
    )
    expect(await listedSeqs(page, 'poll')).toEqual([])
    await page.close()
  }, 60_000)
})
