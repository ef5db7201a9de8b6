import { LabApp } from './app.ts'
import { CLASS_ROOM } from './class/class-contract.ts'
import { type ClassMember, classMember, fetchClassMe } from './class/class-me.ts'
import { defineElements } from './elements/define.ts'
import { latencyHelp } from './elements/latency-help.ts'
import { sheet } from './elements/styles.ts'
import { i18n } from './i18n/current.ts'
import { translateTree } from './i18n/dom.ts'
import { fill, LANGUAGES, matchLanguage } from './i18n/index.ts'
import type { LabControls } from './lab-source.ts'
import { SOCKETIO_ON } from './lib/exchange.ts'
import { LiveSource } from './live/live-source.ts'
import { PAGE_CSS } from './page-styles.ts'
import { present, presentView } from './present.ts'
import { ThemeController } from './theme.ts'
import { sleep } from './transports/client.ts'

defineElements()
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(PAGE_CSS)]

const theme = new ThemeController()
const themeButton = document.querySelector<HTMLButtonElement>('[data-theme-toggle]')
const themeIcons = { system: '◐', light: '☀', dark: '☾' } as const
const banner = document.querySelector<HTMLElement>('[data-server-banner]')
/** The banner's text, kept as a key so a language switch rewrites it. */
let bannerText: (() => string) | null = null

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
  // The API page in the page's language (it would otherwise follow the browser's).
  document
    .querySelector<HTMLAnchorElement>('[data-api-link]')
    ?.setAttribute('href', `/api?lang=${i18n.language}`)
  const help = document.querySelector<HTMLElement>('[data-latency-help]')
  if (help) latencyHelp(help)
  if (banner) {
    banner.hidden = bannerText === null
    banner.textContent = bannerText?.() ?? ''
  }
}

/** Shows a sentence about the server above the page (or hides it with null). */
export function setBanner(text: (() => string) | null): void {
  bannerText = text
  renderChrome()
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

// A phone shows the conversation first; the controls wait behind their summary.
const controlsCard = document.querySelector<HTMLDetailsElement>('[data-controls]')
if (controlsCard && matchMedia('(max-width: 700px)').matches) controlsCard.open = false

showSocketIoPanel(document)

const params = new URLSearchParams(location.search)
// ?lang= (a slide embedding the page asks for the deck's language) wins over the stored choice.
const askedLanguage = params.get('lang')
const language = askedLanguage ? matchLanguage(askedLanguage) : null
if (language) i18n.setLanguage(language)
present(presentView(params), document)
await waitForServer()
// Class mode (`--class`): the page of a class member follows the class; anyone else goes to join it.
const member = await classPageMember()
// The labs (their texts, Markdown and YAML parsers, the drawer) load only when asked for.
const labPage = () => import('./labs/lab-page.ts')
// A lab (?lab=NN) chooses the room and the settings; the URL's own ?room= and ?ticker= win.
const labModule = params.has('lab') ? await labPage() : null
const lab = labModule ? await labModule.labFromUrl(params) : null
const ticker = params.get('ticker')
const tickerRate = ticker === null ? lab?.settings.tickerRate : Number(ticker)
const tickerSize = lab?.settings.tickerSize
// A class's room, ticker and page settings are the instructor's: no URL or lab sets them.
const source = new LiveSource(
  member
    ? {
        room: CLASS_ROOM,
        startsTicker: false,
        setsTicker: member.role === 'instructor',
      }
    : {
        room: params.get('room') ?? lab?.settings.room ?? 'lobby',
        ...(tickerRate !== undefined && Number.isFinite(tickerRate) && { tickerRate }),
        ...(tickerSize !== undefined && { tickerSize }),
      },
)
// Tests and curious learners find this page's meter id here (it is in every request too).
document.documentElement.dataset.client = source.client
const app = new LabApp(source, { setBanner })
const controls = document.querySelector('wl-lab-controls')
if (lab && labModule && controls && !member) {
  controls.controls = labModule.applySettings(controls.controls, lab.settings)
  source.configure(controls.controls)
  labModule.showPanels(document, lab.settings.panels)
}
const drawer = document.querySelector('wl-lab-drawer')
const reopen = document.querySelector<HTMLButtonElement>('[data-lab-reopen]')
if (lab && labModule && drawer) {
  drawer.context = {
    readFigure: (key) => app.figure(key),
    exportReport: (doc, notes) => app.exportReport(doc, notes),
  }
  labModule.openDrawer(drawer, lab)
  drawer.addEventListener('wl-lab-close', () => {
    if (reopen) reopen.hidden = false
  })
  reopen?.addEventListener('click', () => {
    reopen.hidden = true
    drawer.hidden = false
    document.documentElement.dataset.labOpen = lab.id
  })
}
const menu = document.querySelector<HTMLElement>('[data-labs-menu]')
menu?.closest('[popover]')?.addEventListener(
  'toggle',
  async () => {
    if (menu) (await labPage()).labMenu(menu)
  },
  { once: true },
)

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
  const kind = button.dataset.export
  if (kind === 'samples-csv' || kind === 'totals-csv' || kind === 'json' || kind === 'har') {
    button.addEventListener('click', () => void app.export(kind))
  }
}
document.addEventListener('wl-controls', (event) => {
  source.configure((event as CustomEvent<LabControls>).detail)
})
if (member) {
  const { ClassPage } = await import('./class/class-page.ts')
  new ClassPage({ member, source, app, root: document })
}
app.start()

/**
 * `GET /api/class/me`: null for the open lab (no class mode), the member this page is in a class.
 * A page of a class that is no member never gets past this: it leaves for the join page.
 */
async function classPageMember(): Promise<ClassMember | null> {
  const me = await fetchClassMe()
  if (me.mode === 'open') return null
  const joined = classMember(me)
  if (joined) return joined
  const { leaveForJoinPage } = await import('./class/join-redirect.ts')
  return leaveForJoinPage(document, location.search)
}

/**
 * Socket.IO is an optional fifth panel, remembered in the URL (`?socketio=1`): turning it on or
 * off reloads the page, so every panel measures from the same start.
 */
function showSocketIoPanel(root: Document): void {
  const toggle = root.querySelector<HTMLInputElement>('[data-socketio-toggle]')
  if (toggle) {
    toggle.checked = SOCKETIO_ON
    toggle.addEventListener('change', () => {
      const url = new URL(location.href)
      if (toggle.checked) url.searchParams.set('socketio', '1')
      else url.searchParams.delete('socketio')
      location.assign(url)
    })
  }
  if (!SOCKETIO_ON) return
  root.documentElement.dataset.socketio = ''
  const panel = root.createElement('wl-transport-panel')
  panel.setAttribute('transport', 'socketio')
  panel.toggleAttribute('data-aligned', true)
  root.querySelector('.panels')?.append(panel)
}

/**
 * Every number on this page is measured, so without a server there is nothing to show: the page
 * says how to start one and waits for it.
 */
async function waitForServer(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch('/api/time', { signal: AbortSignal.timeout(3_000) })
      if (response.ok) {
        delete document.documentElement.dataset.server
        setBanner(null)
        return
      }
    } catch {
      // Not up (yet): say so, try again.
    }
    document.documentElement.dataset.server = 'offline'
    setBanner(() => fill(i18n.texts.page.offline, { origin: location.origin }))
    await sleep(Math.min(5_000, 1_000 * (attempt + 1)))
  }
}
