import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Transport } from '../../server/src/protocol.ts'

export const TRANSPORTS: Transport[] = ['poll', 'longpoll', 'sse', 'ws']
export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e')

/** A page of the lab, and the questions a test asks it (the panels live in shadow DOM). */
export async function openLab(browser: Browser, url: string, room: string) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // The fastest settings, so a test waits on the wire and not on a 3 s poll interval.
  await page.goto(`${url}/?room=${room}&ticker=0`)
  await page.locator('html[data-client]').waitFor()
  await setControl(page, 'pollIntervalMs', '1000')
  return {
    page,
    errors,
    client: (await page.locator('html').getAttribute('data-client')) as string,
  }
}

export async function setControl(page: Page, control: string, value: string): Promise<void> {
  await page.locator(`wl-lab-controls select[data-control="${control}"]`).selectOption(value)
}

export const panel = (page: Page, transport: Transport) =>
  page.locator(`wl-transport-panel[data-transport="${transport}"]`)

export async function waitForOpen(page: Page): Promise<void> {
  for (const transport of TRANSPORTS) {
    await panel(page, transport)
      .locator('[data-part="state"][data-state="open"]')
      .waitFor({ timeout: 15_000 })
  }
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
    await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room, user: 'ana', text }),
    })
  }
}
