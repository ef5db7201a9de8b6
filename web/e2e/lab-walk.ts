import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { type LabServer, matchesExpected } from '../../labs/test/doc-test.ts'
import { labServerConfig, readLab, runStep } from '../../labs/test/doc-test-lab.ts'
import type { StatsSnapshot, Transport } from '../../server/src/protocol.ts'
import type { LabDoc, LabStep } from '../src/labs/lab-doc.ts'
import {
  ARTIFACTS,
  openLab,
  panel,
  screenshot,
  sendFromComposer,
  statsOf,
  TRANSPORTS,
  useLab,
  waitForOpen,
} from './lab-page.ts'

/** Does on the page what a `page:` line of a lab's doctest block says (labs/FORMAT.md). */
async function act(page: Page, action: string): Promise<void> {
  const [verb = '', ...rest] = action.trim().split(/\s+/)
  const argument = rest.join(' ')
  switch (verb) {
    case 'wait':
      return page.waitForTimeout(Number(argument))
    case 'click': {
      const [transport, part] = argument.split('.') as [Transport, string]
      return panel(page, transport).locator(`[data-part="${part}"]`).click()
    }
    case 'set': {
      const [control = '', value = ''] = rest
      await page.locator(`wl-lab-controls select[data-control="${control}"]`).selectOption(value)
      return
    }
    case 'send': {
      const [via = 'ws', ...words] = rest
      return sendFromComposer(page, {
        user: 'walker',
        text: words.join(' '),
        via: via === 'http' ? 'http' : 'ws',
      })
    }
    case 'network': {
      // `network <transport> <preset>`: the panel's ⇄, then one of its presets (preset150,
      // preset3g, presetOffline10, clear), as a student presses them.
      const [transport = '', preset = ''] = rest
      const controls = page.locator(`wl-network-controls[transport="${transport}"]`)
      if (!(await controls.isVisible()))
        await panel(page, transport as Transport)
          .locator('[data-part="network"]')
          .click()
      return controls.locator(`[data-preset="${preset}"]`).click()
    }
    case 'online': {
      // Every panel's link back online (an "Offline for 10 s" preset ends by itself), then every
      // shown transport reconnected: the event itself, not a guess at how long it takes.
      await page
        .locator('wl-network-controls [data-part="offline"][aria-pressed="true"]')
        .first()
        .waitFor({ state: 'detached', timeout: 30_000 })
      return waitForOpen(page)
    }
    case 'reset':
      return page.locator('[data-reset]').click()
    default:
      throw new Error(`page: unknown action "${action}"`)
  }
}

/** The number a report cell holds, read the way the page's language writes it. */
function numberIn(cell: string, language: string): number {
  const digits = cell.replace(/[^\d.,-]/g, '')
  const normal =
    language === 'pt-BR' ? digits.replaceAll('.', '').replace(',', '.') : digits.replaceAll(',', '')
  return Number(normal)
}

/** What the server's meter says a meter-backed figure is; undefined for the page's own figures. */
function fromMeter(stats: StatsSnapshot, figure: string): number | undefined {
  const [scope = '', name = ''] = figure.split('.')
  if (scope === 'clock') return undefined
  const row = stats.transports[scope as Transport]
  const ws = stats.transports.ws
  switch (name) {
    case 'requests':
    case 'emptyResponses':
    case 'connections':
    case 'messages':
      return row[name]
    case 'bytesUp':
      return row.bytesIn
    case 'bytesDown':
      return row.bytesOut
    case 'bytesPerMessage':
      return Math.round(((row.bytesIn + row.bytesOut) / row.messages) * 10) / 10
    case 'requestsPerMessage':
      return Math.round((row.requests / row.messages) * 100) / 100
    case 'framesIn':
    case 'framesOut':
    case 'handshakeBytesIn':
    case 'handshakeBytesOut':
      return ws[name]
    default:
      return undefined
  }
}

/**
 * Types a `js` block into the page as the student types it into the browser console: a classic
 * script, whose top-level `let` outlives it as in the console. When the lab says what the console
 * will show (the `text` block after it), the walk waits until the console shows that.
 */
async function runInConsole(
  page: Page,
  code: string,
  expected: string | undefined,
  asStudentSees: (text: string) => string,
) {
  const printed: string[] = []
  const listen = (message: { text(): string }) => printed.push(asStudentSees(message.text()))
  page.on('console', listen)
  try {
    await page.addScriptTag({ content: code })
    if (expected === undefined) return page.waitForTimeout(500)
    await expect
      .poll(() => matchesExpected(expected, printed.join('\n')), {
        timeout: 10_000,
        message: `console after\n${code}\n--- expected ---\n${expected}`,
      })
      .toBe(true)
  } finally {
    page.off('console', listen)
  }
}

/**
 * `walk: page only`: the step's commands leave the lab's server alone (a bench that starts
 * servers of its own), so the walk leaves them to the doc-tests, which run them in both languages.
 */
const pageOnly = (step: LabStep) =>
  step.blocks.some(
    (block) => block.kind === 'doctest' && /^walk:\s*page only\s*$/m.test(block.content),
  )

async function walk(doc: LabDoc, page: Page, server: LabServer): Promise<void> {
  const { origin } = server
  for (const step of doc.steps) {
    // The terminal commands first, as the student types them (their output is the doc-tests'),
    // then the page: its console snippets and actions, with the step's own programs still up.
    const run: typeof runStep = pageOnly(step)
      ? async (_step, _origin, _language, then) => then?.([])
      : runStep
    await run(step, server, doc.language, async (servers) => {
      const local = (code: string) =>
        servers.reduce(
          (text, s) => text.replaceAll(`localhost:${s.port}`, s.here),
          code.replaceAll('localhost:3000', origin.host),
        )
      const asStudentSees = (text: string) =>
        servers
          .reduce((shown, s) => shown.replaceAll(s.here, `localhost:${s.port}`), text)
          .replaceAll(origin.host, 'localhost:3000')
      for (const [index, block] of step.blocks.entries()) {
        if (block.kind === 'js') {
          const next = step.blocks[index + 1]
          const expected = next?.kind === 'text' ? next.content : undefined
          await runInConsole(page, local(block.content), expected, asStudentSees)
        }
        if (block.kind !== 'doctest') continue
        for (const line of block.content.split('\n')) {
          if (line.trim().startsWith('page:')) await act(page, line.trim().slice('page:'.length))
        }
      }
    })
  }
}

/**
 * A lab followed on the lab page in Portuguese, as a student would: `?lab=NN`, each step's
 * commands, console snippets and page actions, every record button, the exported report, its
 * numbers checked against the server's meter. Each lab's `walk.test.ts` calls it, so that the
 * labs are walked in parallel.
 */
export function walkLab(id: string): void {
  // The lab's own server: `npm start` with the flags of its front matter (a class, say).
  const lab = useLab(labServerConfig(id))
  it(`${id}: its steps, every record button, and a report whose numbers are the meter's`, async () => {
    const doc = readLab(id, 'pt-BR')
    const { classroom, operatorToken } = lab.server
    const { page, client, errors } = await openLab(lab.browser, lab.server.url, '', {
      query: `lab=${id}`,
      locale: 'pt-BR',
      ...(classroom && { join: { code: classroom.code, name: 'Estudante de teste' } }),
    })
    const drawer = page.locator('wl-lab-drawer')
    await expect.poll(() => drawer.locator('h1').textContent()).toBe(doc.front.title)
    await waitForOpen(page)
    await walk(doc, page, { origin: new URL(lab.server.url), operatorToken })
    // Freeze the transports, so that the meter stops moving while the figures are copied.
    for (const transport of TRANSPORTS) {
      const pause = panel(page, transport).locator('[data-part="pause"]')
      if (
        (await panel(page, transport).isVisible()) &&
        (await pause.getAttribute('aria-pressed')) === 'false'
      )
        await pause.click()
    }
    await page.waitForTimeout(1_500)
    await drawer.locator('[data-part="name"]').fill('Estudante de teste')
    for (const row of doc.record.filter((r) => r.figure)) {
      const button = drawer.locator(`tr[data-record="${row.id}"] button.take`)
      await button.click()
      await expect
        .poll(() => drawer.locator(`tr[data-record="${row.id}"] input.value`).inputValue(), {
          timeout: 10_000,
        })
        .not.toBe('')
    }
    await drawer.locator('textarea[data-question="1"]').fill('Uma resposta.')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.locator('[data-part="export"]').click(),
    ])
    const report = readFileSync((await download.path()) as string, 'utf8')
    // The report a student would hand in, kept for whoever checks the answer keys' ranges.
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, `lab-${id}-report.md`), report)
    // In a class a page's figures are its student's to read: asked with the page's own cookies.
    const stats = await statsOf(lab.server.url, client, await page.context().cookies())
    expect(report).toMatch(new RegExp(`^# ${doc.front.title} — relatório`))
    expect(report).toMatch(/Estudante: Estudante de teste/)
    expect(report).toMatch(/> Uma resposta\./)
    for (const row of doc.record.filter((r) => r.figure)) {
      const line = report.split('\n').find((l) => l.startsWith(`| ${row.id} |`)) ?? ''
      const cell = line.split('|')[3] ?? ''
      expect(cell.trim(), `${row.id} (${row.figure})`).not.toBe('')
      const meter = fromMeter(stats, row.figure as string)
      if (meter !== undefined)
        expect(numberIn(cell, 'pt-BR'), `${row.id} ${row.figure}`).toBe(meter)
    }
    await screenshot(page, `lab-${id}`)
    expect(errors).toEqual([])
    await page.close()
  }, 180_000)
}
