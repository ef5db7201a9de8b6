/**
 * `npm run slides:pdf -- --lang pt-BR [--notes] [--out FILE]`: the deck as a PDF, one page per
 * slide (with --notes, each slide's speaker notes on the page after it), printed by headless
 * Chromium from a lab server of its own. Live slides print their fallback.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../scripts/chromium.ts'
import { DEFAULT_CONFIG } from '../server/src/config.ts'
import { startServer } from '../server/src/server.ts'
import { readyWebUi } from '../server/src/web-ui/build.ts'
import { type Language, matchLanguage } from '../web/src/i18n/index.ts'

export interface PrintOptions {
  language: Language
  /** Each slide's notes on a page of their own after it. */
  notes?: boolean
  onProgress?: (text: string) => void
}

/** Prints the deck served at `origin` to a PDF; resolves with its bytes and its slide count. */
export async function printDeck(
  browser: Browser,
  origin: string,
  options: PrintOptions,
): Promise<{ pdf: Buffer; slides: number }> {
  const progress = options.onProgress ?? (() => {})
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    const notes = options.notes ? '&notes=separate-page' : ''
    await page.goto(`${origin}/slides/?lang=${options.language}&print-pdf${notes}`)
    const ready = await page.waitForSelector('html[data-deck-ready]', { timeout: 60_000 })
    const slides = Number(await ready.getAttribute('data-deck-ready'))
    const pages = options.notes ? slides * 2 : slides
    // reveal.js lays the print view out page by page after it starts; notes pages come apart.
    const selector = options.notes ? '.pdf-page, .speaker-notes-pdf' : '.pdf-page'
    for (;;) {
      const laidOut = await page.locator(selector).count()
      progress(`laying out the slides: ${Math.min(laidOut, pages)}/${pages}…`)
      if (laidOut >= pages) break
      if (errors.length > 0) throw new Error(`the deck failed: ${errors.join('; ')}`)
      await page.waitForTimeout(200)
    }
    progress(`printing ${pages} pages…`)
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true })
    return { pdf, slides }
  } finally {
    await page.close()
  }
}

/** The number of pages in a PDF (its page objects; Chromium writes them uncompressed). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
}

const HELP = `Prints the lecture's slides to a PDF through headless Chromium.

Usage: npm run slides:pdf -- --lang pt-BR|en [--notes] [--out FILE]

  --lang LANG   the deck's language: pt-BR or en (default en)
  --notes       each slide's speaker notes on the page after it
  --out FILE    where to write (default slides/lecture-09.LANG.pdf, or …-notes.pdf with --notes)
  -h, --help    show this help

Chromium: Debian's /usr/bin/chromium, CHROMIUM_PATH, or Playwright's (npx playwright install chromium).
`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string', default: 'en' },
      notes: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const language = matchLanguage(values.lang)
  if (!language) throw new Error(`--lang must be pt-BR or en, not "${values.lang}"`)
  const out = values.out ?? `slides/lecture-09.${language}${values.notes ? '-notes' : ''}.pdf`
  const show = progressLine()
  show('building the web UI if its sources changed…')
  const webDist = await readyWebUi(show)
  if (!webDist) throw new Error('the web UI could not be built')
  show('starting a lab server on 127.0.0.1…')
  const server = await startServer({ ...DEFAULT_CONFIG, host: '127.0.0.1', port: 0, webDist })
  const browser = await launchChromium()
  try {
    const { pdf, slides } = await printDeck(browser, server.url, {
      language,
      notes: values.notes,
      onProgress: show,
    })
    writeFileSync(out, pdf)
    show.done(`wrote ${out}: ${countPdfPages(pdf)} pages for ${slides} slides`)
  } finally {
    await browser.close()
    await server.close()
  }
}

/** One line that rewrites itself on a terminal, and plain lines elsewhere (CI logs). */
function progressLine() {
  const tty = process.stdout.isTTY
  let last = ''
  const show = (text: string) => {
    if (text === last) return
    last = text
    if (tty) process.stdout.write(`\r\x1b[2K${text}`)
    else console.log(text)
  }
  show.done = (text: string) => {
    if (tty) process.stdout.write('\r\x1b[2K')
    console.log(text)
  }
  return show
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`slides:pdf: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}
