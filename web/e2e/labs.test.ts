import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listLabs } from '../../labs/test/doc-test-lab.ts'
import { parseDeck } from '../../slides/src/deck.ts'
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

  it('links the lecture’s slides it goes with, by their titles, in the lab’s language', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, '', {
      query: 'lab=04-handshake',
      locale: 'pt-BR',
    })
    const row = page.locator('wl-lab-drawer [data-slides]')
    expect(await row.getAttribute('data-slides')).toBe('handshake accept-key handshake-live')
    const first = row.locator('a').first()
    expect(await first.getAttribute('href')).toBe('/slides/?lang=pt-BR#/handshake')
    // The deck is read when a lab names its slides: the id gives way to the slide's title.
    await expect.poll(() => first.textContent()).not.toBe('handshake')
    expect(await first.textContent()).toBe(await slideTitle('pt-BR', 'handshake'))
    await page.close()
  }, 60_000)
})

async function slideTitle(language: 'en' | 'pt-BR', id: string): Promise<string> {
  const source = readFileSync(
    new URL(`../../slides/${language}/lecture-09.md`, import.meta.url),
    'utf8',
  )
  const slide = parseDeck(language, source).slides.find((s) => s.id === id)
  return /^#{1,3} (.+)$/m.exec(slide?.content ?? '')?.[1] ?? ''
}
