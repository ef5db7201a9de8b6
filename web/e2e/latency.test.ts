import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  listedSeqs,
  openLab,
  panel,
  pausePanel,
  postMessages,
  resumePanel,
  screenshot,
  sendFromComposer,
  TRANSPORTS,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const lab = useLab()

/** Every latency figure the page shows, as text: panels, their lists, the conversation, the table. */
function latencyTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = []
    for (const host of document.querySelectorAll('wl-transport-panel')) {
      const root = host.shadowRoot
      for (const node of root?.querySelectorAll(
        '[data-part="p50"], [data-part="p95"], [data-part="p99"], [data-part="latency-extra"], [data-part="round-trip"], .lat',
      ) ?? [])
        texts.push(node.textContent ?? '')
    }
    const conversation = document.querySelector('wl-conversation')?.shadowRoot
    for (const node of conversation?.querySelectorAll('.mark .value') ?? [])
      texts.push(node.textContent ?? '')
    const summary = document.querySelector('wl-summary-table')?.shadowRoot
    for (const node of summary?.querySelectorAll('td') ?? []) texts.push(node.textContent ?? '')
    return texts
  })
}

async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  const clock = page.locator('[data-clock-value]')
  return {
    offset: Number(await clock.getAttribute('data-offset')),
    uncertainty: Number(await clock.getAttribute('data-uncertainty')),
  }
}

async function receivedCount(page: Page, transport: string): Promise<number> {
  return Number(
    await page
      .locator(`wl-transport-panel[data-transport="${transport}"]`)
      .getAttribute('data-received'),
  )
}

describe('latency a class can trust', () => {
  it('on loopback, finds the clock offset within its stated ± and never shows a negative latency', async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, 'e2e-clock')
    await waitForOpen(page)
    // 200 ticks at 50 a second: one-way latencies right at the clock's resolution.
    await fetch(`${lab.server.url}/api/lab/ticker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'e2e-clock', rate: 50 }),
    })
    await page.waitForTimeout(10_000)
    const { offset, uncertainty } = await clockOffset(page)
    expect(uncertainty).toBeGreaterThan(0)
    expect(Math.abs(offset)).toBeLessThanOrEqual(uncertainty + 1)
    for (const transport of TRANSPORTS) {
      await expect
        .poll(() => receivedCount(page, transport), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(200)
    }
    await fetch(`${lab.server.url}/api/lab/ticker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'e2e-clock', rate: 0 }),
    })
    // The last ticks arrive on every transport (polls included) before the texts are read.
    const head = await lab.server.feed.head('e2e-clock')
    for (const transport of TRANSPORTS) {
      await expect.poll(() => receivedCount(page, transport), { timeout: 10_000 }).toBe(head)
    }
    const texts = (await latencyTexts(page)).filter((text) => text.trim() !== '')
    expect(texts.length).toBeGreaterThan(50)
    expect(texts.filter((text) => /^\s*[-−]/.test(text))).toEqual([])
    // Loopback is faster than the clock can tell: some samples are shown as bounds, and counted.
    const extra = await panel(page, 'ws').locator('[data-part="latency-extra"]').textContent()
    expect(extra).toMatch(/samples/)
    await screenshot(page, 'latency-after-200')
    expect(errors).toEqual([])
    await page.close()
  }, 90_000)

  it('times the page’s own message as a round trip on every transport, and races them fastest first', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-round-trip')
    await waitForOpen(page)
    await sendFromComposer(page, { user: 'bia', text: 'how fast is each one?' })
    for (const transport of TRANSPORTS) {
      await waitForSeqs(page, transport, 1)
      const label = panel(page, transport).locator('li[data-seq="1"] .lat')
      await expect.poll(() => label.getAttribute('data-kind')).toBe('round-trip')
      expect(await label.textContent()).toMatch(/^↻ \d/)
      await expect
        .poll(() => panel(page, transport).locator('[data-part="round-trip"]').textContent())
        .toMatch(/round trip of your messages: p50 [\d.]+ m?s/)
    }
    const race = page.locator('wl-conversation li[data-seq="1"] .race .mark:not(.pending)')
    await expect.poll(() => race.count(), { timeout: 10_000 }).toBe(4)
    expect(await race.first().getAttribute('class')).toMatch(/\bfirst\b/)
    expect(
      await race.evaluateAll((marks) => marks.map((m) => (m as HTMLElement).dataset.kind)),
    ).toEqual(['round-trip', 'round-trip', 'round-trip', 'round-trip'])
    expect(await page.locator('wl-conversation li[data-seq="1"]').getAttribute('class')).toMatch(
      /\bown\b/,
    )
    await screenshot(page, 'conversation-race')
    await page.close()
  }, 60_000)

  it('catches up from its cursor after a pause, and counts those messages apart: a pause is not latency', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-caught-up')
    await waitForOpen(page)
    const sse = panel(page, 'sse')
    await pausePanel(page, 'sse')
    await postMessages(lab.server.url, 'e2e-caught-up', ['p1', 'p2', 'p3', 'p4', 'p5'])
    await waitForSeqs(page, 'ws', 5)
    await page.waitForTimeout(1_500)
    expect(await listedSeqs(page, 'sse')).toEqual([])
    await resumePanel(page, 'sse')
    expect(await waitForSeqs(page, 'sse', 5)).toEqual([1, 2, 3, 4, 5])
    await expect
      .poll(() => sse.locator('[data-part="latency-extra"]').getAttribute('data-caught-up'))
      .toBe('5')
    expect(await sse.locator('li[data-seq] .lat[data-kind="caught-up"]').count()).toBe(5)
    // The pause lasted 1.5 s; no sample of SSE's latency may say so.
    await postMessages(lab.server.url, 'e2e-caught-up', ['after'])
    await waitForSeqs(page, 'sse', 6)
    await expect.poll(() => sse.locator('[data-part="p99"]').textContent()).toMatch(/ms$/)
    expect(await sse.locator('li[data-seq="6"] .lat').getAttribute('data-kind')).toBe('one-way')
    await page.close()
  }, 60_000)

  it('folds ticker messages from before the page opened without a race, and races the next ones', async () => {
    const room = 'e2e-earlier'
    const ticker = (rate: number) =>
      fetch(`${lab.server.url}/api/lab/ticker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ room, rate }),
      })
    const historyLength = async () =>
      (
        (await (await fetch(`${lab.server.url}/api/history?room=${room}`)).json()) as {
          messages: unknown[]
        }
      ).messages.length
    await ticker(20)
    await expect.poll(historyLength).toBeGreaterThanOrEqual(3)
    await ticker(0)
    const { page } = await openLab(lab.browser, lab.server.url, room)
    await waitForOpen(page)
    const ticks = page.locator('wl-conversation li.ticks')
    await expect.poll(() => ticks.textContent()).toMatch(/sent before this page opened/)
    expect(await ticks.locator('.race').count()).toBe(0)
    await ticker(5)
    await expect.poll(() => ticks.textContent(), { timeout: 10_000 }).toMatch(/the newest:/)
    await expect.poll(() => ticks.locator('.race .mark:not(.pending)').count()).toBeGreaterThan(0)
    await ticker(0)
    await page.close()
  }, 60_000)

  it('explains p50, p95, p99 and the clock offset in a help popover, in both languages', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-help')
    const help = panel(page, 'longpoll').locator('button.help')
    await help.click()
    const popover = panel(page, 'longpoll').locator('[data-part="help"]')
    await expect.poll(() => popover.isVisible()).toBe(true)
    expect(await popover.textContent()).toMatch(/p95.*95 %.*Clock offset/s)
    await screenshot(page, 'latency-help-en')
    await page.keyboard.press('Escape')
    await page.locator('button[data-lang="pt-BR"]').click()
    await page.locator('.clock button.help').click()
    const pageHelp = page.locator('[data-latency-help]')
    await expect.poll(() => pageHelp.isVisible()).toBe(true)
    expect(await pageHelp.textContent()).toMatch(/metade das mensagens.*Defasagem do relógio/s)
    await page.close()
  }, 60_000)
})
