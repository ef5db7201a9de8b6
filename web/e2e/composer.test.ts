import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Batch } from '../../server/src/protocol.ts'
import { TEXTS } from '../src/i18n/index.ts'
import {
  openLab,
  panel,
  pausePanel,
  resumePanel,
  screenshot,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const ROUND_TRIP_DELAY_MS = 300

const lab = useLab()

const composerOf = (page: Page) => {
  const composer = page.locator('wl-composer')
  return {
    user: composer.locator('[data-part="user"]'),
    text: composer.locator('[data-part="text"]'),
    status: composer.locator('[data-part="status"]'),
    counter: composer.locator('[data-part="counter"]'),
    outbox: composer.locator('[data-part="outbox"] li'),
    failed: composer.locator('[data-part="outbox"] li[data-state="failed"]'),
    /** Clicks the radio's label, as a person does (the input itself is visually hidden). */
    via: (transport: string) =>
      composer.locator(`label:has(input[name="transport"][value="${transport}"])`).click(),
  }
}

/** The room's log as the server keeps it, oldest first. */
async function history(room: string): Promise<Batch['messages']> {
  const response = await fetch(`${lab.server.url}/api/history?room=${room}&limit=500`)
  return ((await response.json()) as Batch).messages
}

/** Holds every POST /api/messages for `delayMs`, then lets it go on to the real server. */
/**
 * Every POST of a message takes `delayMs` more, and none leaves before `opened` resolves: a test
 * holds the sends back until it has typed, however slowly a loaded machine types.
 */
async function slowSends(page: Page, delayMs: number, opened: Promise<void> = Promise.resolve()) {
  await page.route(
    (url) => url.pathname === '/api/messages',
    async (route) => {
      if (route.request().method() === 'POST') {
        await opened
        await new Promise((resolve) => setTimeout(resolve, delayMs))
      }
      await route.continue()
    },
  )
}

/** What sticks out of the composer or covers something else: e.g. `send covers transports`. */
const layoutProblems = (page: Page) =>
  page.locator('wl-composer').evaluate((host) => {
    const root = host.shadowRoot as ShadowRoot
    const named = (selector: string, name: string) =>
      [...root.querySelectorAll(selector)].map((node, i) => ({
        name: `${name}${i || ''}`,
        box: node.getBoundingClientRect(),
      }))
    const parts = [
      ...named('[data-part="user"]', 'user'),
      ...named('[data-part="text"]', 'text'),
      ...named('.choices span', 'transport'),
      ...named('[data-part="send"]', 'send'),
      ...named('[data-part="outbox"] button', 'outbox button'),
    ]
    const edge = host.getBoundingClientRect()
    const problems: string[] = []
    if (edge.right > window.innerWidth) problems.push('the composer is wider than the window')
    parts.forEach(({ name, box }, i) => {
      if (box.left < edge.left - 1 || box.right > edge.right + 1)
        problems.push(`${name} sticks out`)
      for (const other of parts.slice(i + 1)) {
        const apart =
          box.right <= other.box.left ||
          other.box.right <= box.left ||
          box.bottom <= other.box.top ||
          other.box.bottom <= box.top
        if (!apart) problems.push(`${name} covers ${other.name}`)
      }
    })
    return problems
  })

describe('the composer in Chromium', () => {
  it('sends all of 20 quick Enter presses over a 300 ms round trip, in order, once each, and keeps what is typed meanwhile', async () => {
    const room = 'e2e-outbox'
    const { page, errors } = await openLab(lab.browser, lab.server.url, room)
    let openGate = (): void => {}
    await slowSends(page, ROUND_TRIP_DELAY_MS, new Promise((resolve) => (openGate = resolve)))
    await waitForOpen(page)
    const composer = composerOf(page)
    await composer.user.fill('ana')
    await composer.via('http')
    const texts = Array.from({ length: 20 }, (_, i) => `quick ${i + 1}`)
    const started = Date.now()
    for (const text of texts) {
      await composer.text.fill(text)
      await composer.text.press('Enter')
    }
    await composer.text.pressSequentially('typed while sending')
    expect(await composer.outbox.count()).toBeGreaterThan(0)
    await screenshot(page, 'composer-outbox')
    openGate()
    await expect.poll(() => composer.outbox.count(), { timeout: 90_000 }).toBe(0)
    const elapsedMs = Date.now() - started

    expect(await composer.text.inputValue()).toBe('typed while sending')
    const log = await history(room)
    expect(log.map((message) => message.text)).toEqual(texts)
    expect(new Set(log.map((message) => message.clientMsgId)).size).toBe(texts.length)
    for (const transport of ['poll', 'ws'] as const) {
      expect(await waitForSeqs(page, transport, 20)).toEqual(log.map((message) => message.seq))
    }
    expect(await composer.status.textContent()).toBe(
      TEXTS.en.composer.sent.replace('{seq}', String(log.at(-1)?.seq)),
    )
    expect(errors).toEqual([])
    console.log(
      `20 messages, one at a time over a ${ROUND_TRIP_DELAY_MS} ms delay: ${elapsedMs} ms`,
    )
    await page.close()
  }, 120_000)

  it('says why a blank message, a missing name or a too long text is not sent, in the page language', async () => {
    const room = 'e2e-refused'
    const { page } = await openLab(lab.browser, lab.server.url, room)
    const composer = composerOf(page)
    await composer.user.fill('ana')
    await composer.text.fill('   ')
    await composer.text.press('Enter')
    expect(await composer.status.textContent()).toBe(TEXTS.en.composer.noText)
    expect(await composer.status.getAttribute('data-kind')).toBe('error')
    expect(await composer.text.getAttribute('aria-invalid')).toBe('true')
    await page.locator('button[data-lang="pt-BR"]').click()
    expect(await composer.status.textContent()).toBe(TEXTS['pt-BR'].composer.noText)

    await composer.user.fill('')
    await composer.text.fill('hello')
    await composer.text.press('Enter')
    expect(await composer.status.textContent()).toBe(TEXTS['pt-BR'].composer.noName)
    expect(await composer.user.getAttribute('aria-invalid')).toBe('true')

    await composer.user.fill('ana')
    await composer.text.fill('x'.repeat(1799))
    expect(await composer.counter.isHidden()).toBe(true)
    await composer.text.fill('x'.repeat(2000))
    expect(await composer.counter.getAttribute('data-level')).toBe('limit')
    expect(await composer.counter.textContent()).toBe('2.000 de 2.000 caracteres')
    await composer.text.press('End')
    await composer.text.press('y')
    expect(await composer.counter.getAttribute('data-level')).toBe('over')
    await composer.text.press('Enter')
    expect(await composer.status.textContent()).toMatch(/^A mensagem tem 2\.001 caracteres/)
    expect(await composer.text.inputValue()).toHaveLength(2001)
    await screenshot(page, 'composer-refused-pt-BR')

    expect(await composer.outbox.count()).toBe(0)
    expect(await history(room)).toEqual([])
    await page.close()
  }, 60_000)

  it('stops at a WebSocket send while that transport is paused, says so in Portuguese, and sends it and the next one in order on Retry', async () => {
    const room = 'e2e-not-open'
    const { page, errors } = await openLab(lab.browser, lab.server.url, room)
    await waitForOpen(page)
    await page.locator('button[data-lang="pt-BR"]').click()
    const ws = panel(page, 'ws')
    await pausePanel(page, 'ws')
    const composer = composerOf(page)
    await composer.user.fill('bia')
    await composer.via('ws')
    await composer.text.fill('first, while paused')
    await composer.text.press('Enter')
    const failed = composer.failed
    await failed.waitFor()
    expect(await failed.locator('.reason').textContent()).toBe(
      `Não enviada: ${TEXTS['pt-BR'].composer.errors.not_open}`,
    )
    await composer.text.fill('second, behind it')
    await composer.text.press('Enter')
    expect(
      await composer.outbox.evaluateAll((rows) => rows.map((row) => row.dataset.state)),
    ).toEqual(['failed', 'queued'])
    // A phone, a projector's 1024 × 768, a laptop, a wide screen (the page's column is narrower).
    for (const [width, height] of [
      [390, 844],
      [1024, 768],
      [1280, 720],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width, height })
      expect(await layoutProblems(page), `${width} px`).toEqual([])
    }
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'composer-not-open-phone')
    expect(await history(room)).toEqual([])

    await resumePanel(page, 'ws')
    await ws.locator('[data-part="state"][data-state="open"]').waitFor({ timeout: 15_000 })
    await failed.getByRole('button', { name: TEXTS['pt-BR'].composer.retry }).click()
    await expect.poll(() => composer.outbox.count(), { timeout: 15_000 }).toBe(0)
    expect((await history(room)).map((message) => message.text)).toEqual([
      'first, while paused',
      'second, behind it',
    ])
    expect(await waitForSeqs(page, 'ws', 2)).toEqual([1, 2])
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
