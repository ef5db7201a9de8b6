import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { launchChromium } from '../../scripts/chromium.ts'
import { type Config, DEFAULT_CONFIG } from '../../server/src/config.ts'
import type { StatsSnapshot, Transport } from '../../server/src/protocol.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'
import type { SendChannel } from '../src/lib/send-error.ts'

export const TRANSPORTS: Transport[] = ['poll', 'longpoll', 'sse', 'ws']
export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e')

export interface Lab {
  server: RunningServer
  browser: Browser
}

/** A real server serving the web UI built for this run (global-setup.ts), and a real Chromium. */
export function useLab(overrides: Partial<Config> = {}): Lab {
  const lab = {} as Lab
  beforeAll(async () => {
    lab.server = await startServer({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      webDist: inject('webDist'),
      ...overrides,
    })
    lab.browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await lab.browser?.close()
    await lab.server?.close()
  })
  return lab
}

export interface OpenOptions {
  /** Query parameters besides the room; by default the ticker is off so tests count exactly. */
  query?: string
  viewport?: { width: number; height: number }
  locale?: string
  /** Class mode: the page's browser joins the class first, as a student would at /join. */
  join?: { code: string; name: string }
}

/** A page of the lab, and the questions a test asks it (the panels live in shadow DOM). */
export async function openLab(
  browser: Browser,
  url: string,
  room: string,
  options: OpenOptions = {},
) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    ...(options.locale && { locale: options.locale }),
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('close', () => void context.close().catch(() => {}))
  if (options.join) {
    // The context's requests share its cookies: the page then carries the student's session.
    const joined = await context.request.post(`${url}/api/class/join`, { data: options.join })
    if (!joined.ok()) throw new Error(`join: ${joined.status()} ${await joined.text()}`)
  }
  const query = [room && `room=${room}`, options.query ?? 'ticker=0'].filter(Boolean).join('&')
  await page.goto(`${url}/?${query}`)
  await page.locator('html[data-client]').waitFor()
  return {
    page,
    errors,
    client: (await page.locator('html').getAttribute('data-client')) as string,
  }
}

/** This page's figures on the server's meter (in a class, with its student's cookies). */
export async function statsOf(
  url: string,
  client: string,
  cookies: { name: string; value: string }[] = [],
): Promise<StatsSnapshot> {
  const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ')
  const headers: Record<string, string> = cookie ? { cookie } : {}
  return (await (
    await fetch(`${url}/api/stats?client=${client}`, { headers })
  ).json()) as StatsSnapshot
}

export async function setControl(page: Page, control: string, value: string): Promise<void> {
  await page.locator(`wl-lab-controls select[data-control="${control}"]`).selectOption(value)
}

export const panel = (page: Page, transport: Transport) =>
  page.locator(`wl-transport-panel[data-transport="${transport}"]`)

/**
 * Waits until every panel the page shows (a lab may hide some) has its transport open, and the
 * clock offset is known: until then the page takes no one-way latency sample.
 */
export async function waitForOpen(page: Page): Promise<void> {
  for (const transport of TRANSPORTS) {
    if (await panel(page, transport).isHidden()) continue
    await panel(page, transport)
      .locator('[data-part="state"][data-state="open"]')
      .waitFor({ timeout: 15_000 })
  }
  await page.locator('[data-clock-value]:not([data-offset=""])').waitFor({ timeout: 15_000 })
}

/** Types a message into the composer, as a learner does, and sends it with Enter. */
export async function sendFromComposer(
  page: Page,
  message: { user: string; text: string; via?: SendChannel },
): Promise<void> {
  const composer = page.locator('wl-composer')
  if (message.via) {
    await composer.locator(`label:has(input[name="transport"][value="${message.via}"])`).click()
  }
  await composer.locator('[data-part="user"]').fill(message.user)
  await composer.locator('[data-part="text"]').fill(message.text)
  await composer.locator('[data-part="text"]').press('Enter')
}

/** Presses a panel's ❚❚ and waits until its badge says "paused". */
export async function pausePanel(page: Page, transport: Transport): Promise<void> {
  await panel(page, transport).locator('[data-part="pause"]').click()
  await panel(page, transport).locator('[data-part="state"][data-state="paused"]').waitFor()
}

/** Presses a paused panel's ▶: its transport starts again from its cursor. */
export async function resumePanel(page: Page, transport: Transport): Promise<void> {
  await panel(page, transport).locator('[data-part="pause"]').click()
}

/** The seqs a panel lists, oldest first (the list shows the newest on top). */
export async function listedSeqs(page: Page, transport: Transport): Promise<number[]> {
  const seqs = await panel(page, transport)
    .locator('li[data-seq]:not(.history)')
    .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.seq)))
  return seqs.reverse()
}

export async function waitForSeqs(
  page: Page,
  transport: Transport,
  count: number,
  timeoutMs = 20_000,
): Promise<number[]> {
  try {
    await page.waitForFunction(
      ([name, wanted]) => {
        const root = document.querySelector(
          `wl-transport-panel[data-transport="${name}"]`,
        )?.shadowRoot
        return (root?.querySelectorAll('li[data-seq]:not(.history)').length ?? 0) >= Number(wanted)
      },
      [transport, count] as const,
      { timeout: timeoutMs },
    )
  } catch {
    throw new Error(
      `${transport}: ${(await listedSeqs(page, transport)).length} of ${count} messages shown`,
    )
  }
  return listedSeqs(page, transport)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
}

export async function postMessages(url: string, room: string, texts: string[]): Promise<void> {
  for (const text of texts) {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room, user: 'ana', text }),
    })
    if (!response.ok)
      throw new Error(`POST /api/messages: ${response.status} ${await response.text()}`)
  }
}

/** Waits until a panel has received `count` live messages (its list shows only the last 50). */
export async function waitForReceived(
  page: Page,
  transport: Transport,
  count: number,
  timeoutMs = 30_000,
): Promise<void> {
  await page.waitForFunction(
    ([name, wanted]) =>
      Number(
        document.querySelector<HTMLElement>(`wl-transport-panel[data-transport="${name}"]`)?.dataset
          .received ?? 0,
      ) >= Number(wanted),
    [transport, count] as const,
    { timeout: timeoutMs },
  )
}
