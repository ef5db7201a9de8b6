import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import type { ExchangeLog } from '../lib/exchange.ts'
import { buildSequenceDiagram } from '../lib/sequence-diagram.ts'
import { currentTheme, THEME_CHANGE_EVENT } from '../theme.ts'
import { part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

const REFRESH_INTERVAL_MS = 5000

const CSS = `
:host { display: block; }
.bar { display: flex; align-items: center; gap: 0.5rem; margin: 0.5rem 0; }
.caption { font-size: 0.75rem; flex: 1; margin: 0; }
.refresh { padding: 0.1rem 0.45rem; }
.status { font-size: 0.8rem; margin: 0.3rem 0; }
.svg { overflow-x: auto; cursor: zoom-in; }
.svg svg { max-width: 100%; height: auto; }
dialog {
  border: 1px solid var(--wl-border); border-radius: var(--wl-radius); background: var(--wl-surface);
  color: var(--wl-text); width: min(70rem, 94vw); max-height: 92vh; padding: 1rem 1.25rem;
}
dialog::backdrop { background: rgb(0 0 0 / 45%); }
dialog .big svg { width: 100%; max-width: none !important; height: auto; }
dialog form { display: flex; justify-content: flex-end; }
`

const TEMPLATE = `
<div class="bar">
  <p class="caption muted" data-i18n="diagram.caption"></p>
  <button data-part="expand" data-i18n-attr="title:diagram.enlarge aria-label:diagram.enlarge">⤢</button>
  <button class="refresh" data-part="refresh" data-i18n-attr="title:diagram.refresh aria-label:diagram.refresh">↻</button>
</div>
<p class="status muted" data-part="status"></p>
<div class="svg" data-part="svg"></div>
<dialog data-part="dialog"><form method="dialog"><button data-i18n-attr="title:diagram.close aria-label:diagram.close">×</button></form><div class="big" data-part="big"></div></dialog>`

let mermaidModule: Promise<typeof import('mermaid')['default']> | undefined
let renderCount = 0

/**
 * Mermaid is large: it is fetched the first time a diagram is opened, never before, and only the
 * part a sequence diagram needs (see sequence-mermaid.ts).
 */
function loadMermaid() {
  mermaidModule ??= import('./sequence-mermaid.ts').then((module) => module.default)
  return mermaidModule
}

/** `<wl-sequence-diagram>`: the last real exchanges of one transport, drawn by mermaid while open. */
export class SequenceDiagramView extends HTMLElement {
  load: (() => Promise<ExchangeLog>) | null = null
  #root = this.attachShadow({ mode: 'open' })
  #active = false
  #timer: ReturnType<typeof setInterval> | undefined
  #lastText = ''
  #unsubscribe: (() => void) | undefined
  #onTheme = () => this.#redraw()

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'refresh').addEventListener('click', () => void this.refresh())
    part(this.#root, 'expand').addEventListener('click', () => this.#enlarge())
    part(this.#root, 'svg').addEventListener('click', () => this.#enlarge())
  }

  connectedCallback(): void {
    translateTree(this.#root, i18n)
    this.#unsubscribe = i18n.subscribe(() => {
      translateTree(this.#root, i18n)
      this.#redraw()
    })
    document.addEventListener(THEME_CHANGE_EVENT, this.#onTheme)
  }

  disconnectedCallback(): void {
    this.active = false
    this.#unsubscribe?.()
    document.removeEventListener(THEME_CHANGE_EVENT, this.#onTheme)
  }

  /** While active the diagram follows the live exchanges; inactive it costs nothing. */
  set active(active: boolean) {
    this.#active = active
    clearInterval(this.#timer)
    this.#timer = undefined
    if (active) {
      void this.refresh()
      this.#timer = setInterval(() => void this.refresh(), REFRESH_INTERVAL_MS)
    }
  }

  async refresh(): Promise<void> {
    if (!this.load) return
    const status = part(this.#root, 'status')
    const texts = i18n.texts.diagram
    try {
      const log = await this.load()
      if (log.events.length === 0) {
        status.textContent = texts.empty
        return
      }
      const text = buildSequenceDiagram(log, {
        labels: texts,
        locale: i18n.locale,
        maxEvents: 24,
        maxLabelChars: 34,
      })
      if (text === this.#lastText) return
      this.#lastText = text
      if (!part(this.#root, 'svg').hasChildNodes()) status.textContent = texts.loading
      const mermaid = await loadMermaid()
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: currentTheme() === 'dark' ? 'dark' : 'default',
        // The default notes are heavy blocks; the gap notes should read as quiet asides.
        themeVariables:
          currentTheme() === 'dark'
            ? { noteBkgColor: '#2a2f3a', noteTextColor: '#c9d1e0', noteBorderColor: '#3a4252' }
            : { noteBkgColor: '#fff8e1', noteTextColor: '#5b4a12', noteBorderColor: '#ecd9a0' },
        fontFamily: 'system-ui, sans-serif',
        sequence: {
          mirrorActors: false,
          actorMargin: 60,
          boxMargin: 6,
          messageMargin: 22,
          messageFontSize: 13,
          noteFontSize: 12,
          actorFontSize: 13,
        },
      })
      const { svg } = await mermaid.render(`wl-sequence-${++renderCount}`, text)
      // The SVG is mermaid's output for text we escaped ourselves, sanitized by securityLevel 'strict'.
      part(this.#root, 'svg').innerHTML = svg
      if (part<HTMLDialogElement>(this.#root, 'dialog').open)
        part(this.#root, 'big').innerHTML = svg
      status.textContent = ''
    } catch (error) {
      status.textContent = fill(texts.failed, { reason: (error as Error).message })
    }
  }

  /** A panel is a quarter of a projector: the dialog shows the same diagram at full width. */
  #enlarge(): void {
    const svg = part(this.#root, 'svg').innerHTML
    if (!svg) return
    part(this.#root, 'big').innerHTML = svg
    part<HTMLDialogElement>(this.#root, 'dialog').showModal()
  }

  #redraw(): void {
    this.#lastText = ''
    if (this.#active) void this.refresh()
  }
}
