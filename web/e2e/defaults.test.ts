import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Transport } from '../../server/src/protocol.ts'
import { openLab, panel, screenshot, statsOf, TRANSPORTS, useLab, waitForOpen } from './lab-page.ts'

const lab = useLab()

/** How long the page runs at its defaults before the test reads it ("after a while"). */
const RUN_MS = 40_000

async function figure(page: Page, transport: Transport, name: string): Promise<number> {
  const value = await panel(page, transport)
    .locator(`[data-figure="${name}"]`)
    .getAttribute('data-value')
  return Number(value)
}

describe('the defaults show the lesson', () => {
  it('leaves most short polls empty and ranks bytes per message poll > long poll > SSE ≥ WebSocket', async () => {
    // No ?ticker=: the page starts the room's ticker at its default, as for a student.
    const { page, client } = await openLab(lab.browser, lab.server.url, 'e2e-defaults', {
      query: '',
    })
    await waitForOpen(page)
    const controls = page.locator('wl-lab-controls')
    expect(await controls.locator('select[data-control="pollIntervalMs"]').inputValue()).toBe(
      '1000',
    )
    expect(await controls.locator('select[data-control="tickerRate"]').inputValue()).toBe('0.2')
    await page.waitForTimeout(RUN_MS)

    const perMessage = Object.fromEntries(
      await Promise.all(
        TRANSPORTS.map(async (t) => [t, await figure(page, t, 'bytesPerMessage')] as const),
      ),
    ) as Record<Transport, number>
    expect(perMessage.poll).toBeGreaterThan(perMessage.longpoll)
    expect(perMessage.longpoll).toBeGreaterThan(perMessage.sse)
    expect(perMessage.sse).toBeGreaterThanOrEqual(perMessage.ws)

    const polls = await figure(page, 'poll', 'requests')
    const empty = await figure(page, 'poll', 'emptyResponses')
    expect(empty / polls).toBeGreaterThan(0.5)
    // What the panel says is what the meter counted.
    const stats = await statsOf(lab.server.url, client)
    expect(stats.transports.poll.emptyResponses / stats.transports.poll.requests).toBeGreaterThan(
      0.5,
    )
    expect(await panel(page, 'poll').locator('[data-part="how"]').textContent()).toMatch(
      /most answers come back empty/,
    )
    console.log(
      `defaults after ${RUN_MS / 1000} s: bytes/message ${TRANSPORTS.map((t) => `${t} ${perMessage[t].toFixed(0)}`).join(', ')}; polls ${polls}, empty ${empty}`,
    )
    await screenshot(page, 'defaults-after-a-while')
    await page.close()
  }, 90_000)
})
