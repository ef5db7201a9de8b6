import Reveal, { type RevealConfig } from 'reveal.js'
import Notes from 'reveal.js/plugin/notes'
import 'reveal.js/reset.css'
import 'reveal.js/reveal.css'
import './deck.css'
import { sheet, TOKENS_CSS } from '../../web/src/elements/styles.ts'
import {
  LANGUAGE_STORAGE_KEY,
  type Language,
  matchLanguage,
  pickLanguage,
} from '../../web/src/i18n/index.ts'
import { parsePreference, resolveTheme, THEME_STORAGE_KEY } from '../../web/src/theme.ts'
import enSource from '../en/lecture-09.md?raw'
import ptSource from '../pt-BR/lecture-09.md?raw'
import { parseDeck } from './deck.ts'
import { drawDiagrams } from './diagrams.ts'
import { FrameFigure } from './frame-figure.ts'
import { LiveViewElement } from './live-view.ts'
import { renderDeck } from './render.ts'
import { DECK_TEXTS } from './texts.ts'

const SOURCES: Record<Language, string> = { en: enSource, 'pt-BR': ptSource }
const params = new URLSearchParams(location.search)
const language = deckLanguage()
const printing = /print-pdf/i.test(location.search)
// The speaker view (S) shows the deck again, twice, in previews: those never run the lab.
const speakerView = params.has('receiver')

document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(TOKENS_CSS)]
document.documentElement.lang = language
document.documentElement.dataset.theme = deckTheme()
const deck = parseDeck(language, SOURCES[language])
document.title = `${deck.title} · wirelab`

LiveViewElement.language = language
LiveViewElement.mode = printing ? 'printed' : speakerView ? 'speakerView' : 'screen'
customElements.define('wl-live', LiveViewElement)
customElements.define('wl-frame-figure', FrameFigure)

const root = document.querySelector<HTMLElement>('.reveal')
const found = root?.querySelector<HTMLElement>('.slides')
if (!root || !found) throw new Error('the deck page has no .reveal .slides')
const slides: HTMLElement = found
slides.innerHTML = renderDeck(deck)
otherLanguageLink()
await drawDiagrams(slides, document.documentElement.dataset.theme === 'dark')

const reveal = new Reveal(root, {
  hash: true,
  width: 1280,
  height: 720,
  margin: 0.03,
  center: false,
  transition: 'fade',
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  pdfMaxPagesPerSlide: 1,
  pdfSeparateFragments: false,
  // reveal.js prints notes on pages of their own with 'separate-page' (its types say boolean).
  showNotes: (params.get('notes') === 'separate-page' ? 'separate-page' : false) as boolean,
  plugins: [Notes],
} satisfies RevealConfig)
await reveal.initialize()

/** Only the live views of the slide on screen run a lab page. */
function activateLiveViews(): void {
  const current = reveal.getCurrentSlide()
  for (const view of slides.querySelectorAll<LiveViewElement>('wl-live')) {
    view.active = current?.contains(view) ?? false
  }
}
reveal.on('slidechanged', activateLiveViews)
activateLiveViews()

// The frame figure's fragments point at its fields one by one.
const pointAt = (event: Event) => {
  const fragment = (event as Event & { fragment?: HTMLElement }).fragment
  const figure = fragment?.closest('wl-frame-figure') as FrameFigure | null
  if (!figure) return
  const shown = [...figure.querySelectorAll<HTMLElement>('.frame-step.visible')].at(-1)
  figure.select((shown?.dataset.frameField as Parameters<FrameFigure['select']>[0]) ?? null)
}
reveal.on('fragmentshown', pointAt)
reveal.on('fragmenthidden', pointAt)

// T switches light and dark (a room's projector may need the other one).
reveal.addKeyBinding({ keyCode: 84, key: 'T', description: 'Light / dark' }, () => {
  const dark = document.documentElement.dataset.theme !== 'dark'
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
  void drawDiagrams(slides, dark, { again: true })
})
document.documentElement.dataset.deckReady = String(deck.slides.length)

/** `?lang=` first, then the lab page's choice, then the browser's languages. */
function deckLanguage(): Language {
  const asked = params.get('lang')
  const matched = asked ? matchLanguage(asked) : null
  if (matched) return matched
  let stored: string | null = null
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY)
  } catch {
    // No storage: the browser's languages decide.
  }
  return pickLanguage(navigator.languages, stored)
}

/** `?theme=light|dark`, else the lab page's choice, else the system's; a PDF is always light. */
function deckTheme(): 'light' | 'dark' {
  if (printing) return 'light'
  const asked = params.get('theme')
  if (asked === 'light' || asked === 'dark') return asked
  let stored: string | null = null
  try {
    stored = localStorage.getItem(THEME_STORAGE_KEY)
  } catch {
    // No storage: follow the system.
  }
  return resolveTheme(parsePreference(stored), matchMedia('(prefers-color-scheme: dark)').matches)
}

/** The corner link to the same slide in the other language. */
function otherLanguageLink(): void {
  const link = document.querySelector<HTMLAnchorElement>('[data-other-language]')
  if (!link) return
  const other: Language = language === 'en' ? 'pt-BR' : 'en'
  link.textContent = DECK_TEXTS[language].otherLanguage
  link.lang = other
  const update = () => {
    const next = new URLSearchParams(location.search)
    next.set('lang', other)
    link.href = `?${next}${location.hash}`
  }
  update()
  window.addEventListener('hashchange', update)
}
