import { LabApp } from './app.ts'
import { DemoSource } from './demo/demo-source.ts'
import { defineElements } from './elements/define.ts'
import { sheet } from './elements/styles.ts'
import { i18n } from './i18n/current.ts'
import { translateTree } from './i18n/dom.ts'
import { LANGUAGES } from './i18n/index.ts'
import type { LabControls, LabSource } from './lab-source.ts'
import { LiveSource } from './live/live-source.ts'
import { PAGE_CSS } from './page-styles.ts'
import { ThemeController } from './theme.ts'

defineElements()
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(PAGE_CSS)]

const theme = new ThemeController()
const themeButton = document.querySelector<HTMLButtonElement>('[data-theme-toggle]')
const themeIcons = { system: '◐', light: '☀', dark: '☾' } as const

function renderChrome(): void {
  document.documentElement.lang = i18n.language
  document.title = i18n.texts.meta.title
  translateTree(document, i18n)
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === i18n.language))
  }
  if (themeButton) {
    const label = `${i18n.texts.theme.label}: ${i18n.texts.theme[theme.preference]}`
    themeButton.textContent = `${themeIcons[theme.preference]} ${i18n.texts.theme[theme.preference]}`
    themeButton.title = label
    themeButton.setAttribute('aria-label', label)
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    const language = LANGUAGES.find((l) => l === button.dataset.lang)
    if (language) i18n.setLanguage(language)
  })
}
themeButton?.addEventListener('click', () => {
  theme.cycle()
  renderChrome()
})
i18n.subscribe(renderChrome)
renderChrome()

const source = await chooseSource()
// Tests and curious learners find this page's meter id here (it is in every request too).
document.documentElement.dataset.client = source.client
const banner = document.querySelector<HTMLElement>('[data-demo-banner]')
if (banner) banner.hidden = source.mode !== 'demo'
const app = new LabApp(source)

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
  const kind = button.dataset.export
  if (kind === 'samples-csv' || kind === 'totals-csv' || kind === 'json' || kind === 'har') {
    button.addEventListener('click', () => void app.export(kind))
  }
}

document.addEventListener('wl-controls', (event) => {
  source.configure((event as CustomEvent<LabControls>).detail)
})

app.start()

/**
 * The live server when it answers (`npm start`); the simulated demo otherwise (the page opened
 * from a static host), and the banner says so. `?room=` picks the room, `?ticker=` its load.
 */
async function chooseSource(): Promise<LabSource> {
  const params = new URLSearchParams(location.search)
  const room = params.get('room') ?? 'lobby'
  const ticker = params.get('ticker')
  const tickerRate = ticker === null ? undefined : Number(ticker)
  try {
    const response = await fetch('/api/time', { signal: AbortSignal.timeout(3_000) })
    if (!response.ok) throw new Error(String(response.status))
  } catch {
    return new DemoSource()
  }
  const live = new LiveSource({
    room,
    ...(tickerRate !== undefined && Number.isFinite(tickerRate) && { tickerRate }),
  })
  const controls = document.querySelector('wl-lab-controls')
  if (controls && tickerRate !== undefined) controls.controls = { ...controls.controls, tickerRate }
  return live
}
