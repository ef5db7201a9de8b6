import { describe, expect, it } from 'vitest'
import {
  openLab,
  panel,
  postMessages,
  screenshot,
  statsOf,
  TRANSPORTS,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const lab = useLab()

describe('controls that do what they say', () => {
  it('drops a connection of every transport, names it, and shows the next connection', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-drops')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-drops', ['before'])
    for (const transport of TRANSPORTS) await waitForSeqs(page, transport, 1)
    for (const transport of TRANSPORTS) {
      const report = panel(page, transport).locator('[data-part="drop-report"]')
      await panel(page, transport).locator('[data-part="drop"]').click()
      await report.waitFor()
      // A poll may have been in flight: the drop waits for the next one to have a keep-alive socket.
      expect(Number(await report.getAttribute('data-killed'))).toBeGreaterThanOrEqual(1)
      await expect.poll(() => report.getAttribute('data-stage'), { timeout: 20_000 }).toBe('next')
      expect(await report.textContent()).toMatch(
        /^Drop 1: (the server closed connection #\d+ \(\d+ requests? of this transport on it\)\. )+The next request came on connection #\d+/,
      )
    }
    await postMessages(lab.server.url, 'e2e-drops', ['after'])
    for (const transport of TRANSPORTS) {
      expect(await waitForSeqs(page, transport, 2)).toEqual([1, 2])
      await expect
        .poll(() =>
          panel(page, transport).locator('[data-part="continuity"]').getAttribute('data-ok'),
        )
        .toBe('true')
    }
    // SSE and WebSocket clients see their connection fail; the browser retries a held long poll.
    const wsReport = panel(page, 'ws').locator('[data-part="drop-report"]')
    expect(await wsReport.textContent()).toMatch(/the page saw the failure, waited [\d.,]+ ms/)
    // The WebSocket client's first backoff is 500 ms ± 30 %; the server saw it come back after it.
    const retryInMs = Number(await wsReport.getAttribute('data-retry-in-ms'))
    expect(retryInMs).toBeGreaterThanOrEqual(350)
    expect(retryInMs).toBeLessThanOrEqual(650)
    expect(Number(await wsReport.getAttribute('data-after-ms'))).toBeGreaterThanOrEqual(retryInMs)
    expect(await panel(page, 'sse').locator('[data-part="drop-report"]').textContent()).toMatch(
      /the page saw the failure and reconnected/,
    )
    await screenshot(page, 'drops')
    await page.close()
  }, 120_000)

  it('says "paused" on a paused panel, and that there was nothing to drop', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-paused')
    await waitForOpen(page)
    const ws = panel(page, 'ws')
    await ws.locator('[data-part="pause"]').click()
    await expect.poll(() => ws.locator('[data-part="state-text"]').textContent()).toBe('paused')
    await ws.locator('[data-part="drop"]').click()
    const report = ws.locator('[data-part="drop-report"]')
    await report.waitFor()
    expect(await report.getAttribute('data-killed')).toBe('0')
    expect(await report.textContent()).toMatch(/no connection open to close/)
    await page.close()
  }, 60_000)

  it('keeps every page of a room on the same ticker, and shows the room and how to share it', async () => {
    const first = await openLab(lab.browser, lab.server.url, 'e2e-shared')
    const second = await openLab(lab.browser, lab.server.url, 'e2e-shared')
    await waitForOpen(second.page)
    const select = (page: typeof first.page) =>
      page.locator('wl-lab-controls select[data-control="tickerRate"]')
    await select(first.page).selectOption('2')
    await expect.poll(() => select(second.page).inputValue(), { timeout: 10_000 }).toBe('2')
    await first.page.locator('wl-lab-controls [data-part="pause"]').click()
    await expect
      .poll(() =>
        second.page.locator('wl-lab-controls [data-part="pause"]').getAttribute('aria-pressed'),
      )
      .toBe('true')
    const { tickers } = (await (await fetch(`${lab.server.url}/api/lab/ticker`)).json()) as {
      tickers: { room: string; rate: number; paused: boolean }[]
    }
    expect(tickers.find((t) => t.room === 'e2e-shared')).toMatchObject({ rate: 2, paused: true })
    expect(await second.page.locator('[data-room-name]').textContent()).toBe('e2e-shared')
    await second.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await second.page.locator('[data-copy-room]').click()
    await expect
      .poll(() => second.page.locator('[data-room-note]').textContent())
      .toMatch(/\?room=e2e-shared$/)
    await select(first.page).selectOption('0')
    await first.page.close()
    await second.page.close()
  }, 60_000)

  it('resets this page’s measurements and its meter, to measure one setting at a time', async () => {
    const { page, client } = await openLab(lab.browser, lab.server.url, 'e2e-reset')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-reset', ['a', 'b', 'c'])
    for (const transport of TRANSPORTS) await waitForSeqs(page, transport, 3)
    const before = await statsOf(lab.server.url, client)
    expect(before.transports.sse.messages).toBe(3)
    const charts = panel(page, 'sse').locator('[data-part="charts"]')
    await expect.poll(() => charts.getAttribute('data-empty')).toBeNull()
    await page.locator('[data-reset]').click()
    await expect
      .poll(async () => (await statsOf(lab.server.url, client)).since)
      .toBeGreaterThan(before.since)
    const after = await statsOf(lab.server.url, client)
    expect(after.transports.sse.messages).toBe(0)
    expect(after.transports.ws.bytesOut).toBeLessThan(before.transports.ws.bytesOut)
    for (const transport of TRANSPORTS) {
      const p50 = panel(page, transport).locator('[data-part="p50"]')
      await expect.poll(() => p50.textContent()).toBe('—')
    }
    // No samples: the charts keep their room but show no axes of times nobody measured.
    await expect.poll(() => charts.getAttribute('data-empty')).toBe('')
    expect(
      await charts
        .locator('.plot')
        .first()
        .evaluate((e) => getComputedStyle(e).visibility),
    ).toBe('hidden')
    await page.close()
  }, 60_000)
})
