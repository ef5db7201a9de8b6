import { fill, type Language } from '../../web/src/i18n/index.ts'
import { DECK_ROOM, type LiveView } from './deck.ts'
import { DECK_TEXTS } from './texts.ts'

/** How often a live slide on screen asks whether the lab server is still there. */
const CHECK_EVERY_MS = 3_000

/** Why a live view shows its fallback instead of the lab (`noClass`: the class's result, no class). */
export type FallbackReason = 'offline' | 'printed' | 'speakerView' | 'noClass'

/**
 * `<wl-live view="race">fallback…</wl-live>`: while its slide is on screen, the lab page in a
 * compact presentation mode (`/?present=race`) in an iframe; otherwise nothing runs. When the lab
 * server does not answer, in a printed deck and in the speaker view's previews, its children show
 * instead (a static figure), with a sentence saying why. `view="class-result"` embeds the class
 * dashboard's result of the latest experiment (`/class/?view=result`) the same way.
 */
export class LiveViewElement extends HTMLElement {
  /** Set by the deck before the slide is shown: the language and how the deck is being shown. */
  static language: Language = 'en'
  static mode: 'screen' | 'printed' | 'speakerView' = 'screen'

  #frame: HTMLElement | null = null
  #fallback: HTMLElement | null = null
  #reason: HTMLElement | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  #active = false

  get view(): LiveView {
    return this.getAttribute('view') as LiveView
  }

  /** What the view says of itself: the class's result has its own badge and fallback sentences. */
  get #texts() {
    const { classResult, ...live } = DECK_TEXTS[LiveViewElement.language].live
    return this.view === 'class-result' ? { ...live, ...classResult } : { ...live, noClass: '' }
  }

  connectedCallback(): void {
    if (this.#fallback) return
    const t = this.#texts
    const fallback = document.createElement('div')
    fallback.className = 'live-fallback'
    fallback.append(...this.childNodes)
    this.#reason = document.createElement('p')
    this.#reason.className = 'live-reason'
    fallback.append(this.#reason)
    this.#fallback = fallback
    this.#frame = document.createElement('div')
    this.#frame.className = 'live-frame'
    this.#frame.hidden = true
    this.#frame.innerHTML = `<p class="live-badge"><span>● ${t.badge}</span> <a target="_blank" rel="noopener">${t.open}</a></p>`
    this.#frame.querySelector('a')?.setAttribute('href', this.#labUrl(false))
    this.append(this.#frame, fallback)
    this.#showFallback(LiveViewElement.mode === 'screen' ? 'offline' : LiveViewElement.mode)
  }

  /** On screen or not: only the slide being shown runs a lab page. */
  set active(on: boolean) {
    if (on === this.#active || LiveViewElement.mode !== 'screen') return
    this.#active = on
    clearTimeout(this.#timer)
    if (on) void this.#check()
    else this.#stopLab()
  }

  get active(): boolean {
    return this.#active
  }

  async #check(): Promise<void> {
    const state = await this.#serverState()
    if (!this.#active) return
    if (state === 'up') this.#startLab()
    else {
      this.#stopLab()
      this.#showFallback(state)
    }
    this.#timer = setTimeout(() => void this.#check(), CHECK_EVERY_MS)
  }

  /**
   * Whether the page this view shows can run: the server answers; for the class's result, it also
   * runs a class (a plain `npm start` has no result to show, and the figure says how to get one).
   */
  async #serverState(): Promise<'up' | 'offline' | 'noClass'> {
    const ask = (path: string) =>
      fetch(path, { signal: AbortSignal.timeout(2_000), cache: 'no-store' }).catch(() => null)
    if (this.view !== 'class-result') return (await ask('/api/time'))?.ok ? 'up' : 'offline'
    const answer = await ask('/api/class/me')
    if (!answer?.ok) return 'offline'
    const me = (await answer.json().catch(() => null)) as { mode?: unknown } | null
    return me?.mode === 'class' ? 'up' : 'noClass'
  }

  #startLab(): void {
    if (!this.#frame || !this.#fallback) return
    if (!this.#frame.querySelector('iframe')) {
      const iframe = document.createElement('iframe')
      iframe.src = this.#labUrl(true)
      iframe.title = this.#texts.badge
      this.#frame.append(iframe)
    }
    this.#frame.hidden = false
    this.#fallback.hidden = true
    this.dataset.state = 'live'
  }

  #stopLab(): void {
    this.#frame?.querySelector('iframe')?.remove()
    if (this.#frame) this.#frame.hidden = true
    if (this.#fallback) this.#fallback.hidden = false
  }

  #showFallback(reason: FallbackReason): void {
    if (this.#reason) {
      // On paper, the address a student types after npm start; on screen, where this deck is.
      const origin = reason === 'printed' ? 'http://localhost:3000' : location.origin
      const url = `${origin}/slides/?lang=${LiveViewElement.language}`
      this.#reason.textContent = fill(this.#texts[reason], { url })
    }
    if (this.#fallback) this.#fallback.hidden = false
    this.dataset.state = reason
  }

  /**
   * The page showing this view, in the deck's language: the lab page in the deck's room, or the
   * class dashboard (its result alone inside the slide; the whole dashboard from the link).
   */
  #labUrl(present: boolean): string {
    const language = LiveViewElement.language
    if (this.view === 'class-result') {
      const params = new URLSearchParams(present ? { view: 'result' } : {})
      params.set('lang', language)
      return `/class/?${params}`
    }
    const params = new URLSearchParams({ room: DECK_ROOM, lang: language })
    if (present) params.set('present', this.view)
    return `/?${params}`
  }
}
