import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULT_FIELDS } from '../../server/src/class/limits.ts'
import { ARTIFACTS, TRANSPORTS, useLab } from './lab-page.ts'

// Issue 13: a class on one server. Three students join from the /join page, the instructor runs
// an experiment from the dashboard; every page applies it, and what each page shows as its own
// result is what the dashboard shows for that page.

const CODE = 'E2E123'
const OPERATOR = 'operator-token-for-the-e2e-class'

const lab = useLab({ classMode: true, classCode: CODE, operatorToken: OPERATOR })

interface Student {
  context: BrowserContext
  page: Page
  client: string
}

/** A student's browser: the QR code's address, a name, and the lab page it lands on. */
async function joinAs(browser: Browser, url: string, name: string): Promise<Student> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${url}/join?code=${CODE}`)
  expect(await page.locator('#join-code').inputValue()).toBe(CODE)
  await page.locator('#join-name').fill(name)
  await page.locator('[data-join-submit]').click()
  await page.waitForURL(/\/\?room=class/)
  await page.locator('html[data-client]').waitFor()
  const client = (await page.locator('html').getAttribute('data-client')) as string
  return { context, page, client }
}

/** What a page's own fetch gets back: status and error code. */
function fetchFrom(page: Page, path: string, init: { method?: string; body?: unknown } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init.method ?? 'GET',
        ...(init.body !== undefined && {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(init.body),
        }),
      })
      const body = (await response.json().catch(() => null)) as { error?: { code: string } } | null
      return [response.status, body?.error?.code ?? null] as const
    },
    { path, init },
  )
}

describe('class mode in Chromium', () => {
  it('refuses a wrong join code, and every transport of a browser that has not joined', async () => {
    const context = await lab.browser.newContext()
    const page = await context.newPage()
    await page.goto(`${lab.server.url}/join?code=WRONG9`)
    await page.locator('#join-name').fill('Zeca')
    await page.locator('[data-join-submit]').click()
    await page.locator('#join-code[aria-invalid="true"]').waitFor()
    expect(page.url()).toContain('/join')
    for (const path of [
      '/api/poll?room=class',
      '/api/longpoll?room=class&timeout=0',
      '/api/sse?room=class',
      '/api/history?room=class',
    ]) {
      expect(await fetchFrom(page, path), path).toEqual([401, 'class_join_required'])
    }
    const send = { method: 'POST', body: { room: 'class', user: 'Zeca', text: 'oi' } }
    expect(await fetchFrom(page, '/api/messages', send)).toEqual([401, 'class_join_required'])
    const closed = await page.evaluate(
      () =>
        new Promise<[number, string]>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/ws?room=class`)
          ws.onclose = (event) => resolve([event.code, event.reason])
        }),
    )
    expect(closed).toEqual([
      1008,
      'this server runs a class: open /join and type the class code to take part',
    ])
    // Socket.IO, spoken by hand over Engine.IO's polling: the namespace's handshake refuses.
    const refusal = await page.evaluate(async () => {
      const open = await (await fetch('/socket.io/?EIO=4&transport=polling')).text()
      const { sid } = JSON.parse(open.slice(1)) as { sid: string }
      const session = `/socket.io/?EIO=4&transport=polling&sid=${sid}`
      await fetch(session, { method: 'POST', body: '40/feed,{"room":"class"}' })
      return (await fetch(session)).text()
    })
    expect(refusal).toMatch(/^44\/feed,.*"code":"class_join_required"/)
    // The lab page itself says how to join, and takes the student there.
    await page.goto(`${lab.server.url}/?room=class`)
    await page.waitForURL(/\/join/)
    await context.close()
  })

  it('runs an experiment on three students’ pages; the dashboard shows each page’s own figures', async () => {
    const { url } = lab.server
    const students = await Promise.all(
      ['Ana', 'Bruno', 'Carla'].map((name) => joinAs(lab.browser, url, name)),
    )
    const [ana, bruno] = students as [Student, Student, Student]

    // A student may not change the room's ticker nor drop another page's connections.
    const ticker = { method: 'POST', body: { room: 'class', rate: 20 } }
    expect(await fetchFrom(ana.page, '/api/lab/ticker', ticker)).toEqual([403, 'forbidden'])
    const kill = { method: 'POST', body: { client: bruno.client, transport: 'ws' } }
    expect(await fetchFrom(ana.page, `/api/lab/kill?client=${ana.client}`, kill)).toEqual([
      403,
      'forbidden',
    ])
    await expect
      .poll(() =>
        ana.page.locator('wl-lab-controls select[data-control="tickerRate"]').isDisabled(),
      )
      .toBe(true)

    const instructor = await lab.browser.newContext({ viewport: { width: 1440, height: 1400 } })
    const dashboard = await instructor.newPage()
    await dashboard.goto(`${url}/class?operator=${OPERATOR}`)
    await dashboard.waitForURL(/\/class\/$/)
    // Every student is on the dashboard before the experiment starts.
    await expect
      .poll(() => dashboard.locator('text=Carla').count(), { timeout: 20_000 })
      .toBeGreaterThan(0)
    const race = dashboard.locator('[data-preset="race"]')
    await race.locator('input').fill('8')
    await race.locator('button').click()

    // It reaches every page: a countdown, the run, then the page's own result card.
    for (const { page } of students) {
      await page
        .locator(
          '[data-class-banner][data-stage="countdown"], [data-class-banner][data-stage="running"]',
        )
        .first()
        .waitFor({ timeout: 10_000 })
    }
    const own = await Promise.all(students.map(({ page }) => resultCard(page)))
    await dashboard.screenshot({ path: `${ARTIFACTS}/class-dashboard-result.png`, fullPage: true })

    // The dashboard's row of each page holds the numbers that page showed.
    for (const [index, student] of students.entries()) {
      const figures = own[index] as Record<string, string>
      expect(Object.keys(figures).length).toBe(TRANSPORTS.length * RESULT_FIELDS.length)
      expect(Number(figures['ws/received'])).toBeGreaterThan(0)
      for (const [key, value] of Object.entries(figures)) {
        const [transport, field] = key.split('/')
        const cell = dashboard.locator(
          `tr[data-client="${student.client}"] [data-transport="${transport}"][data-field="${field}"]`,
        )
        await expect.poll(() => cell.getAttribute('data-value'), { timeout: 20_000 }).toBe(value)
      }
    }
    await instructor.close()
    for (const student of students) await student.context.close()
  }, 120_000)
})

/** The page's "Your result" card, once filled: every cell's raw value by "transport/field". */
async function resultCard(page: Page): Promise<Record<string, string>> {
  const card = page.locator('wl-class-result')
  await card.locator('td[data-field="received"]').first().waitFor({ timeout: 40_000 })
  return card.evaluate((element) => {
    const values: Record<string, string> = {}
    for (const cell of element.shadowRoot?.querySelectorAll<HTMLElement>('td[data-field]') ?? []) {
      values[`${cell.dataset.transport}/${cell.dataset.field}`] = cell.dataset.value ?? ''
    }
    return values
  })
}
