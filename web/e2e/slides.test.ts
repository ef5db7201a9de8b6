import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../../scripts/chromium.ts'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'
import { countPdfPages, printDeck } from '../../slides/print-pdf.ts'
import { DECK_ROOM, parseDeck } from '../../slides/src/deck.ts'
import { LANGUAGES, type Language } from '../src/i18n/index.ts'
import { postMessages, screenshot } from './lab-page.ts'

const decks = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    parseDeck(
      language,
      readFileSync(new URL(`../../slides/${language}/lecture-09.md`, import.meta.url), 'utf8'),
    ),
  ]),
) as Record<Language, ReturnType<typeof parseDeck>>

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    webDist: inject('webDist'),
  })
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The deck in a 1280×720 window (a projector), with its console errors collected. */
async function openDeck(origin: string, language: Language, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('close', () => void context.close().catch(() => {}))
  await page.goto(`${origin}/slides/?lang=${language}${hash}`)
  await page.locator('html[data-deck-ready]').waitFor({ timeout: 30_000 })
  return { page, errors }
}

async function goTo(page: Page, id: string): Promise<void> {
  // Asks again while the slide is not there: leaving a live slide on a loaded machine, reveal's
  // delayed write of the previous slide's URL could put its hash back over this one, and the
  // slide then never came (twice in CI, each time right after a live slide).
  await expect
    .poll(
      async () => {
        await page.evaluate((slide) => {
          if (location.hash !== `#/${slide}`) location.hash = `#/${slide}`
        }, id)
        return page.locator(`section#${id}.present`).count()
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(1)
}

describe('the lecture deck', () => {
  for (const language of LANGUAGES) {
    it(`shows every ${language} slide whole, with its notes and its diagrams drawn, and no error`, async () => {
      const { page, errors } = await openDeck(server.url, language)
      const deck = decks[language]
      expect(await page.locator('.reveal .slides > section').count()).toBe(deck.slides.length)
      expect(await page.getAttribute('html', 'lang')).toBe(language)
      for (const slide of deck.slides) {
        await goTo(page, slide.id)
        const section = page.locator(`section#${slide.id}`)
        // Nothing runs off the slide: a projector shows exactly 1280×720.
        const fits = await section.evaluate(
          (s) => s.scrollHeight <= s.clientHeight + 1 && s.scrollWidth <= s.clientWidth + 1,
        )
        expect(fits, `slide ${slide.id} overflows`).toBe(true)
        expect(await section.locator('aside.notes').textContent(), slide.id).not.toBe('')
        const diagrams = section.locator('[data-mermaid]')
        expect(await diagrams.count(), slide.id).toBe(slide.diagrams)
        for (const diagram of await diagrams.all()) {
          expect(await diagram.getAttribute('data-error'), slide.id).toBeNull()
          expect(await diagram.locator('svg').count(), slide.id).toBe(1)
        }
        // A template left unfilled shows as {name} (code on a slide may hold braces).
        const prose = await section.evaluate((s) => {
          const copy = s.cloneNode(true) as HTMLElement
          for (const code of copy.querySelectorAll('pre, code, svg')) code.remove()
          return copy.textContent ?? ''
        })
        expect(prose, slide.id).not.toMatch(/\{\w+\}/)
      }
      expect(errors).toEqual([])
      await page.close()
    }, 180_000)
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`is readable from the back of a room in ${theme}: text ≥ 18 px, contrast ≥ 4.5:1`, async () => {
      const { page } = await openDeck(server.url, 'en', `&theme=${theme}`)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const problems: string[] = []
      for (const slide of decks.en.slides) {
        await goTo(page, slide.id)
        problems.push(...(await page.evaluate(readabilityProblems, slide.id)))
      }
      expect(problems).toEqual([])
      await page.close()
    }, 180_000)
  }

  it('points at the frame figure’s fields one by one with the next key', async () => {
    const { page } = await openDeck(server.url, 'pt-BR')
    const id = decks['pt-BR'].slides.find((s) => s.content.includes('<wl-frame-figure'))?.id
    if (!id) throw new Error('the deck has no frame figure')
    await goTo(page, id)
    const figure = page.locator(`section#${id} wl-frame-figure`)
    // Every field's name is whole in its box, in the longer language too.
    const cut = await figure
      .locator('td')
      .evaluateAll((cells) =>
        cells
          .filter(
            (cell) =>
              cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1,
          )
          .map((cell) => cell.textContent),
      )
    expect(cut).toEqual([])
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => figure.getAttribute('data-selected')).toBe('fin')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => figure.getAttribute('data-selected')).toBe('rsv')
    expect(await figure.locator('td.on').count()).toBe(3)
    expect(await figure.locator('.frame-explain').textContent()).toMatch(/Reservados/)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => figure.getAttribute('data-selected')).toBe('fin')
    await figure.locator('td[data-field="mask"]').click()
    expect(await figure.getAttribute('data-selected')).toBe('mask')
    await screenshot(page, 'slides-frame-figure')
    await page.close()
  }, 60_000)

  it('opens the speaker view with the slide’s notes on S', async () => {
    const { page } = await openDeck(server.url, 'en', '#/handshake')
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')])
    const notes = decks.en.slides.find((s) => s.id === 'handshake')?.notes ?? ''
    const firstWords = (notes.match(/\*\*Say:\*\* (\S+ \S+ \S+)/)?.[1] ?? '').replace(/[*`]/g, '')
    await expect
      .poll(() => speaker.locator('.speaker-controls-notes').textContent(), { timeout: 10_000 })
      .toContain(firstWords)
    await speaker.close()
    await page.close()
  }, 60_000)
})

describe('live slides', () => {
  it('run the lab inside the slide, in the deck’s language and room, with real messages', async () => {
    for (const [id, view] of liveSlides()) {
      const { page } = await openDeck(server.url, 'pt-BR', `#/${id}`)
      const live = page.locator(`section#${id} wl-live`)
      if (view === 'class-result') {
        // This server runs no class: no result to show, so the figure, and how to get one.
        await expect
          .poll(() => live.getAttribute('data-state'), { timeout: 10_000 })
          .toBe('noClass')
        expect(await live.locator('iframe').count()).toBe(0)
        expect(await live.locator('.live-reason').textContent()).toMatch(
          /npm start -- --class.*\/slides\/\?lang=pt-BR/,
        )
        await page.close()
        continue
      }
      await expect.poll(() => live.getAttribute('data-state'), { timeout: 10_000 }).toBe('live')
      const lab = page.frameLocator(`section#${id} wl-live iframe`)
      await expect.poll(() => lab.locator('html').getAttribute('data-present')).toBe(view)
      // data-present is set by the page's first inline script; its language once its module runs.
      await expect.poll(() => lab.locator('html').getAttribute('lang')).toBe('pt-BR')
      // Each view shows what the server really did for this embedded page.
      const shown = (element: string) =>
        lab.locator(element).evaluate((e) => e.shadowRoot?.textContent ?? '')
      const text = `ao vivo no slide ${view}`
      await postMessages(server.url, DECK_ROOM, [text])
      const wait = { timeout: 10_000 }
      if (view === 'race') await expect.poll(() => shown('wl-conversation'), wait).toContain(text)
      if (view === 'frames') {
        // The ticker keeps sending, so the message may no longer be the newest frame shown in
        // full: look for it among the list's entries.
        const entries = () =>
          lab
            .locator('wl-frame-inspector')
            .evaluate((e) =>
              [...(e.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.item') ?? [])].map(
                (b) => b.title,
              ),
            )
        await expect.poll(async () => (await entries()).join('\n'), wait).toContain(text)
      }
      if (view === 'handshake') {
        await expect
          .poll(() => shown('wl-http-inspector'), wait)
          .toContain('101 Switching Protocols')
      }
      if (view === 'table') {
        await expect.poll(() => shown('wl-summary-table'), wait).toMatch(/WebSocket\s*[1-9]/)
      }
      await screenshot(page, `slides-live-${view}`)
      // Leaving the slide stops the lab page: only the slide on screen runs one.
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => page.locator(`section#${id} wl-live iframe`).count()).toBe(0)
      await page.close()
    }
  }, 120_000)

  it('show the class’s latest result on a class’s server, in the deck’s language, while on screen', async () => {
    const [id] = liveSlides().find(([, view]) => view === 'class-result') ?? []
    if (!id) throw new Error('the deck has no class-result slide')
    const own = await startServer({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      webDist: inject('webDist'),
      classMode: true,
      classCode: 'SLIDES13',
    })
    try {
      // The instructor's browser: the operator token, as the dashboard's cookie carries it.
      const authorization = `Bearer ${own.operatorToken}`
      const started = await fetch(`${own.url}/api/class/experiments`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ preset: 'race', durationS: 5, countdownS: 2 }),
      })
      expect(started.status).toBe(201)
      const context = await browser.newContext({
        viewport: { width: 1280, height: 720 },
        extraHTTPHeaders: { authorization },
      })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await page.goto(`${own.url}/slides/?lang=pt-BR#/${id}`)
      const live = page.locator(`section#${id} wl-live`)
      await expect.poll(() => live.getAttribute('data-state'), { timeout: 10_000 }).toBe('live')
      const view = page.frameLocator(`section#${id} wl-live iframe`)
      await expect.poll(() => view.locator('html').getAttribute('data-view')).toBe('result')
      await expect.poll(() => view.locator('html').getAttribute('lang')).toBe('pt-BR')
      expect(await live.locator('iframe').getAttribute('src')).toBe(
        '/class/?view=result&lang=pt-BR',
      )
      await expect.poll(() => view.locator('[data-result]').textContent()).toContain('Corrida')
      await screenshot(page, 'slides-live-class-result')
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => page.locator(`section#${id} wl-live iframe`).count()).toBe(0)
      expect(errors).toEqual([])
      await context.close()
    } finally {
      await own.close()
    }
  }, 60_000)

  it('show their fallback, and say why, when the lab server stops answering', async () => {
    const own = await startServer({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      webDist: inject('webDist'),
    })
    const [id] = liveSlides()[0] ?? []
    if (!id) throw new Error('the deck has no live slide')
    const { page } = await openDeck(own.url, 'en', `#/${id}`)
    const live = page.locator(`section#${id} wl-live`)
    await expect.poll(() => live.getAttribute('data-state'), { timeout: 10_000 }).toBe('live')
    await own.close()
    await expect.poll(() => live.getAttribute('data-state'), { timeout: 15_000 }).toBe('offline')
    expect(await live.locator('.live-fallback').isVisible()).toBe(true)
    expect(await live.locator('iframe').count()).toBe(0)
    expect(await live.locator('.live-reason').textContent()).toMatch(
      /does not answer.*npm start.*\/slides\/\?lang=en/,
    )
    await screenshot(page, 'slides-live-fallback')
    await page.close()
  }, 60_000)
})

describe('the PDF', () => {
  it('has one page per slide, and live slides print their fallback', async () => {
    const { pdf, slides } = await printDeck(browser, server.url, { language: 'pt-BR' })
    expect(slides).toBe(decks['pt-BR'].slides.length)
    expect(countPdfPages(pdf)).toBe(slides)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // What was printed: the print view of the same deck, where no live view runs the lab.
    const { page } = await openDeck(server.url, 'pt-BR', '&print-pdf')
    const states = await page
      .locator('wl-live')
      .evaluateAll((views) => views.map((v) => (v as HTMLElement).dataset.state))
    expect(states).toEqual(liveSlides().map(() => 'printed'))
    expect(await page.locator('wl-live iframe').count()).toBe(0)
    expect(await page.locator('wl-live .live-reason').first().textContent()).toMatch(
      /npm start.*http:\/\/localhost:3000\/slides\/\?lang=pt-BR/,
    )
    await page.close()
  }, 120_000)

  it('puts each slide’s notes on the page after it with --notes', async () => {
    const { pdf, slides } = await printDeck(browser, server.url, { language: 'en', notes: true })
    expect(countPdfPages(pdf)).toBe(slides * 2)
  }, 120_000)
})

/** The deck's live slides: [slide id, view]. */
function liveSlides(): [string, string][] {
  return decks.en.slides.flatMap((s) => s.live.map((view) => [s.id, view] as [string, string]))
}

/**
 * Runs in the page: every piece of text on the slide shown, at the size the slide is designed for
 * (1280×720), with its font size and its contrast against what is behind it (WCAG 2 formula).
 * The lab page inside a live slide is checked by the web UI's own tests.
 */
function readabilityProblems(id: string): string[] {
  const slide = document.querySelector(`section#${id}`)
  if (!slide) return [`${id}: not found`]
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number)
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const channel = (c: number) => {
      const s = c / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  }
  const background = (element: Element | null): number[] => {
    for (let e = element; e; e = e.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor)
      if (a > 0.5) return [r ?? 0, g ?? 0, b ?? 0]
    }
    return rgb(getComputedStyle(document.body).backgroundColor)
  }
  const problems: string[] = []
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement
    if (!element || !node.textContent?.trim()) continue
    if (element.closest('aside.notes, wl-live .live-frame, svg')) continue
    const style = getComputedStyle(element)
    if (style.visibility === 'hidden' || element.getClientRects().length === 0) continue
    const size = Number.parseFloat(style.fontSize)
    const text = node.textContent.trim().slice(0, 30)
    if (size < 18) problems.push(`${id}: "${text}" is ${size}px`)
    const [fg, bg] = [luminance(rgb(style.color)), luminance(background(element))]
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
    if (ratio < 4.5) problems.push(`${id}: "${text}" has contrast ${ratio.toFixed(2)}:1`)
  }
  return problems
}
