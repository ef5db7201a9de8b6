import { describe, expect, it } from 'vitest'
import { listLabs } from '../../labs/test/doc-test-lab.ts'
import { openLab, useLab } from './lab-page.ts'

const lab = useLab()

describe('a lab on the lab page', () => {
  it('keeps a lab’s recorded values and answers across a reload, and follows the language switch', async () => {
    const id = listLabs()[0] as string
    const { page } = await openLab(lab.browser, lab.server.url, '', {
      query: `lab=${id}`,
      locale: 'pt-BR',
    })
    const drawer = page.locator('wl-lab-drawer')
    await drawer.locator('textarea[data-question="1"]').fill('guardada')
    await drawer.locator('tr[data-record="R1"] input.value').fill('123')
    await page.reload()
    await expect
      .poll(() => drawer.locator('textarea[data-question="1"]').inputValue())
      .toBe('guardada')
    expect(await drawer.locator('tr[data-record="R1"] input.value').inputValue()).toBe('123')
    await page.locator('button[data-lang="en"]').click()
    await expect.poll(() => drawer.locator('h2').first().textContent()).toBe('Steps')
    expect(await drawer.locator('textarea[data-question="1"]').inputValue()).toBe('guardada')
    await page.close()
  }, 60_000)

  it('writes the commands for the server the page came from, not the labs’ localhost:3000', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, '', {
      query: 'lab=00-http-by-hand',
    })
    const command = page.locator('wl-lab-drawer .cmd pre').first()
    const host = new URL(lab.server.url).host
    await expect.poll(() => command.textContent()).toContain(host)
    expect(
      await page.locator('wl-lab-drawer').locator('pre:has-text("localhost:3000")').count(),
    ).toBe(0)
    await page.close()
  }, 60_000)
})
