import { describe, expect, it } from 'vitest'
import {
  listedSeqs,
  openLab,
  panel,
  postMessages,
  screenshot,
  TRANSPORTS,
  useLab,
  waitForOpen,
  waitForSeqs,
} from './lab-page.ts'

const lab = useLab()

describe('network conditions per transport', () => {
  it('shapes one transport from the page; offline and back, every panel ends with the same seqs', async () => {
    const room = 'e2e-network'
    const { page, errors } = await openLab(lab.browser, lab.server.url, room)
    await waitForOpen(page)
    const sse = panel(page, 'sse')
    await sse.locator('[data-part="network"]').click()
    const controls = page.locator('wl-network-controls[transport="sse"]')
    await controls.locator('[data-preset="preset150"]').click()
    // The room's conditions come back on the page's channel; the panel says it measures through them.
    const note = sse.locator('[data-part="network-note"]')
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toMatch(/150 ms delay/)
    await sse.locator('[data-part="state"][data-state="open"]').waitFor({ timeout: 15_000 })
    await postMessages(lab.server.url, room, ['one', 'two', 'three'])
    for (const transport of TRANSPORTS) {
      expect(await waitForSeqs(page, transport, 3)).toEqual([1, 2, 3])
    }
    await screenshot(page, 'network-controls-en')

    await controls.locator('[data-part="offline"]').click()
    await expect.poll(() => note.getAttribute('data-offline'), { timeout: 10_000 }).toBe('true')
    await expect
      .poll(() => sse.locator('[data-part="state"]').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .not.toBe('open')
    await postMessages(lab.server.url, room, ['four', 'five'])
    await controls.locator('[data-part="offline"]').click()
    await expect.poll(() => note.getAttribute('data-offline'), { timeout: 10_000 }).toBe('false')
    await postMessages(lab.server.url, room, ['six'])
    for (const transport of TRANSPORTS) {
      expect(await waitForSeqs(page, transport, 6, 30_000)).toEqual([1, 2, 3, 4, 5, 6])
      await expect
        .poll(() =>
          panel(page, transport).locator('[data-part="continuity"]').getAttribute('data-ok'),
        )
        .toBe('true')
    }
    // SSE came back through the proxy (its CORS answer with credentials), not around it.
    const network = (await (
      await fetch(`${lab.server.url}/api/lab/network?room=${room}`)
    ).json()) as { shaped: { sse?: { port: number } } }
    expect(network.shaped.sse?.port).toBeGreaterThan(0)
    expect(await listedSeqs(page, 'sse')).toEqual([1, 2, 3, 4, 5, 6])

    await page.locator('button[data-lang="pt-BR"]').click()
    await expect.poll(() => note.textContent()).toMatch(/atraso de 150 ms/)
    await screenshot(page, 'network-controls-pt-BR')
    await controls.locator('[data-preset="clear"]').click()
    await expect.poll(() => note.isHidden(), { timeout: 10_000 }).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
