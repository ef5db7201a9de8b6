import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExchangeLog } from '../../server/src/protocol.ts'
import { showLineEnds } from '../src/lib/http-heads.ts'
import {
  ARTIFACTS,
  openLab,
  panel,
  postMessages,
  screenshot,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const PHONE = { width: 390, height: 844 }

const lab = useLab()

const httpInspector = (page: Page) => page.locator('wl-http-inspector')

/** The inspector refreshes only while it is on screen, as for a person who scrolled to it. */
async function scrollToHttpInspector(page: Page): Promise<Locator> {
  const inspector = httpInspector(page)
  await inspector.scrollIntoViewIfNeeded()
  return inspector
}

async function openWebSocketTab(page: Page): Promise<Locator> {
  const inspector = await scrollToHttpInspector(page)
  await inspector.locator('button[data-transport="ws"]').click()
  await expect
    .poll(() => inspector.locator('pre[data-part="request"]').textContent(), { timeout: 10_000 })
    .toMatch(/^GET \/ws\?/)
  return inspector
}

async function wsLog(client: string): Promise<ExchangeLog> {
  const response = await fetch(`${lab.server.url}/api/lab/exchanges?client=${client}&transport=ws`)
  return (await response.json()) as ExchangeLog
}

/** Saves one element as its own picture, beside the full-page ones, to look at closely. */
async function elementShot(target: Locator, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded()
  await target.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
}

describe('the inspectors in Chromium', () => {
  it('shows the WebSocket upgrade and its 101 as the server recorded them, and checks the Accept', async () => {
    const { page, client, errors } = await openLab(lab.browser, lab.server.url, 'e2e-upgrade')
    await waitForOpen(page)
    const inspector = await openWebSocketTab(page)
    const request = await inspector.locator('pre[data-part="request"]').textContent()
    const response = await inspector.locator('pre[data-part="response"]').textContent()
    expect(request).toMatch(/^GET \/ws\?[^\n]* HTTP\/1\.1\\r\\n\n/)
    expect(request).toMatch(/\nUpgrade: websocket\\r\\n\n/i)
    expect(response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\\r\\n\n/)
    expect(response).toMatch(/\nSec-WebSocket-Accept: [A-Za-z0-9+/]{27}=\\r\\n\n/)

    const recorded = (await wsLog(client)).events
    const upgrade = recorded.find((event) => event.kind === 'request')
    const switching = recorded.find((event) => event.kind === 'response' && event.status === 101)
    expect(request).toBe(showLineEnds(upgrade?.head ?? ''))
    expect(response).toBe(
      showLineEnds(switching?.kind === 'response' ? (switching.head ?? '') : ''),
    )

    const verdict = inspector.locator('[data-part="accept-verdict"]')
    await expect.poll(() => verdict.getAttribute('data-matches')).toBe('true')
    expect(await verdict.textContent()).toMatch(/matches/)
    const accept = response?.match(/Sec-WebSocket-Accept: (\S+)\\r\\n/)?.[1]
    expect(await inspector.locator('dd[data-value="computed"]').textContent()).toBe(accept)
    expect(errors).toEqual([])
    await elementShot(inspector, 'http-inspector-ws-desktop')
    await screenshot(page, 'inspectors-desktop')
    await page.close()
  }, 60_000)

  it('says so when frames have pushed the upgrade out of the log, and shows a fresh one after a drop', async () => {
    const room = 'e2e-trimmed'
    const { page, client } = await openLab(lab.browser, lab.server.url, room)
    await waitForOpen(page)
    const setTicker = (rate: number) =>
      fetch(`${lab.server.url}/api/lab/ticker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ room, rate }),
      })
    const inspector = await openWebSocketTab(page)
    const firstKey = await inspector.locator('dd[data-value="key"]').textContent()
    await setTicker(200)
    await expect
      .poll(async () => (await wsLog(client)).recorded, { timeout: 15_000 })
      .toBeGreaterThan(400)
    await setTicker(0)
    const trimmed = httpInspector(page).locator('[data-part="trimmed"]')
    await trimmed.waitFor({ timeout: 10_000 })
    expect(await trimmed.textContent()).toMatch(/last 300 events/)
    await elementShot(httpInspector(page), 'http-inspector-ws-trimmed')
    await panel(page, 'ws').locator('[data-part="drop"]').click()
    await inspector.scrollIntoViewIfNeeded()
    await trimmed.waitFor({ state: 'hidden', timeout: 15_000 })
    const key = inspector.locator('dd[data-value="key"]')
    await expect.poll(() => key.textContent()).not.toBe(firstKey)
    const verdict = inspector.locator('[data-part="accept-verdict"]')
    await expect.poll(() => verdict.getAttribute('data-matches')).toBe('true')
    await page.close()
  }, 60_000)

  it('reads on a 390 px phone in Portuguese: whole bit names, no sideways scrolling', async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, 'e2e-phone')
    await page.setViewportSize(PHONE)
    await page.locator('button[data-lang="pt-BR"]').click()
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-phone', ['uma mensagem com bytes na rede'])
    await waitForSeqs(page, 'ws', 1)

    const frames = page.locator('wl-frame-inspector')
    await frames.locator('.bitname').first().waitFor({ timeout: 10_000 })
    const labels = await frames.locator('.bitname').evaluateAll((names) =>
      names.map((name) => ({
        text: name.textContent,
        scrollWidth: name.scrollWidth,
        clientWidth: name.clientWidth,
      })),
    )
    expect(labels.map((label) => label.text)).toEqual([
      'FIN',
      'RSV1',
      'RSV2',
      'RSV3',
      'opcode',
      'MASK',
      'tamanho do payload',
    ])
    for (const label of labels)
      expect(label.scrollWidth, label.text ?? '').toBeLessThanOrEqual(label.clientWidth)
    const fields = await frames.locator('[data-part="fields"]').textContent()
    expect(fields).toMatch(/ · forma de (7|16|64) bits/)
    expect(fields).not.toMatch(/-bit/)
    expect(await frames.locator('ol').getAttribute('aria-label')).toBe('Frames capturados')

    const inspector = await openWebSocketTab(page)
    await expect
      .poll(() => inspector.locator('[data-part="accept-verdict"]').getAttribute('data-matches'))
      .toBe('true')
    const sticksOut = await page.evaluate(() =>
      ['wl-summary-table', 'wl-frame-inspector', 'wl-http-inspector'].flatMap((selector) => {
        const element = document.querySelector(selector) as HTMLElement
        const right = element.getBoundingClientRect().right
        return right > window.innerWidth || element.scrollWidth > element.clientWidth
          ? [`${selector}: right ${right}, scrollWidth ${element.scrollWidth}`]
          : []
      }),
    )
    expect(sticksOut).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    )
    expect(errors).toEqual([])
    await elementShot(page.locator('wl-summary-table'), 'summary-table-phone')
    await elementShot(frames, 'frame-inspector-phone')
    await elementShot(inspector, 'http-inspector-ws-phone')
    await screenshot(page, 'inspectors-phone-pt-BR')
    await page.close()
  }, 60_000)

  it('shows the summary and the inspectors in the format of the new language after a switch', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-locale')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-locale', ['one', 'two', 'three'])
    await waitForSeqs(page, 'poll', 3)
    const summary = page.locator('wl-summary-table tbody')
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/\d\.\d/)
    const best = page.locator('wl-summary-table td.best').first()
    expect(await best.getAttribute('title')).toBe('the lowest of the four transports')
    const requestSize = (await scrollToHttpInspector(page)).locator('[data-part="request-size"]')
    // Sizes are grouped as the language groups thousands ("1,193 B", "1.193 B").
    await expect
      .poll(() => requestSize.textContent())
      .toMatch(/^head [\d,]+ B · [\d,]+ B on the wire/)

    await page.locator('button[data-lang="pt-BR"]').click()
    await expect.poll(() => summary.textContent()).toMatch(/\d,\d/)
    // A point in pt-BR only groups thousands ("3.460,2×"): never an English decimal point.
    expect(await summary.textContent()).not.toMatch(/\d\.(?!\d{3}(?:\D|$))\d/)
    expect(await best.getAttribute('title')).toBe('o menor valor entre os quatro transportes')
    expect(
      await page.locator('wl-summary-table td[data-label]').first().getAttribute('data-label'),
    ).toBe('Mensagens')
    const frames = page.locator('wl-frame-inspector')
    expect(await frames.locator('button.item').first().getAttribute('title')).toMatch(/→/)
    expect(await frames.locator('[data-part="fields"]').textContent()).toMatch(
      / · forma de (7|16|64) bits/,
    )
    expect(await requestSize.textContent()).toMatch(
      /^cabeçalho [\d.]+ B · [\d.]+ B na rede ao todo$/,
    )
    await screenshot(page, 'inspectors-desktop-pt-BR')
    await page.close()
  }, 60_000)
})
