import { describe, expect, it } from 'vitest'
import type { ExchangeLog } from '../../server/src/protocol.ts'
import {
  openLab,
  panel,
  postMessages,
  screenshot,
  sendFromComposer,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const lab = useLab()

/** `42/feed,[`: a Socket.IO EVENT packet of the /feed namespace, in hex as the frame carries it. */
const EVENT_PACKET_HEX = Buffer.from('42/feed,[')
  .toString('hex')
  .replace(/(..)(?!$)/g, '$1 ')

describe('the Socket.IO panel in Chromium', () => {
  it('turns on from the controls, follows the feed, sends with an ack, resumes after a drop, shows its 42 packets', async () => {
    const room = 'e2e-socketio'
    const { page, errors } = await openLab(lab.browser, lab.server.url, room)
    await waitForOpen(page)
    expect(await panel(page, 'socketio').count()).toBe(0)
    await page.locator('[data-socketio-toggle]').check()
    await page.waitForURL(/[?&]socketio=1/)
    await page.locator('html[data-client][data-socketio]').waitFor()
    const client = (await page.locator('html').getAttribute('data-client')) as string
    await waitForOpen(page)
    await panel(page, 'socketio').locator('[data-part="state"][data-state="open"]').waitFor()

    await postMessages(lab.server.url, room, ['one', 'two'])
    expect(await waitForSeqs(page, 'socketio', 2)).toEqual([1, 2])
    await sendFromComposer(page, { user: 'ana', text: 'via Socket.IO', via: 'socketio' })
    await expect
      .poll(() => page.locator('wl-composer [data-part="status"]').textContent(), {
        timeout: 10_000,
      })
      .toMatch(/#3/)
    expect(await waitForSeqs(page, 'socketio', 3)).toEqual([1, 2, 3])

    // The lab's drop: the server cuts the connection, Socket.IO reconnects by itself from its cursor.
    await panel(page, 'socketio').locator('[data-part="drop"]').click()
    await panel(page, 'socketio').locator('[data-part="drop-report"]:not([hidden])').waitFor()
    await postMessages(lab.server.url, room, ['four', 'five'])
    expect(await waitForSeqs(page, 'socketio', 5)).toEqual([1, 2, 3, 4, 5])
    expect(await waitForSeqs(page, 'ws', 5)).toEqual([1, 2, 3, 4, 5])
    const continuity = panel(page, 'socketio').locator('[data-part="continuity"]')
    expect(await continuity.textContent()).toMatch(/nothing lost, nothing repeated/)

    const frames = page.locator('wl-frame-inspector')
    await frames.scrollIntoViewIfNeeded()
    const packet = frames.locator(
      `button[data-transport="socketio"][data-hex*="${EVENT_PACKET_HEX}"]`,
    )
    await packet.first().waitFor({ timeout: 10_000 })
    await packet.first().click()
    await expect
      .poll(() => frames.locator('[data-part="fields"]').textContent())
      .toMatch(/42\/feed,\["(message|send)"/)

    const http = page.locator('wl-http-inspector')
    await http.scrollIntoViewIfNeeded()
    await http.locator('button[data-transport="socketio"]').click()
    const steps = http.locator('[data-part="step-list"]')
    await expect.poll(() => steps.textContent(), { timeout: 10_000 }).toMatch(/transport=polling/)
    expect(await steps.textContent()).toMatch(/transport=websocket[^→]*→ 101/)
    await expect
      .poll(() => http.locator('pre[data-part="response"]').textContent())
      .toMatch(/^HTTP\/1\.1 101 Switching Protocols/)

    const log = (await (
      await fetch(`${lab.server.url}/api/lab/exchanges?client=${client}&transport=socketio`)
    ).json()) as ExchangeLog
    expect(log.events.some((event) => event.kind === 'ws-frame')).toBe(true)
    await panel(page, 'socketio').scrollIntoViewIfNeeded()
    await screenshot(page, 'socketio-en')
    await page.locator('button[data-lang="pt-BR"]').click()
    await expect.poll(() => continuity.textContent()).toMatch(/nada perdido/)
    await screenshot(page, 'socketio-pt-BR')
    expect(errors).toEqual([])
    await page.close()
  }, 90_000)
})
