import { fill, type Language } from '../../web/src/i18n/index.ts'
import type { PresentView } from '../../web/src/present.ts'
import { DECK_ROOM } from './deck.ts'
import { DECK_TEXTS } from './texts.ts'

/** How often a live slide on screen asks whether the lab server is still there. */
const CHECK_EVERY_MS = 3_000

/** Why a live view shows its fallback instead of the lab. */
export type FallbackReason = 'offline' | 'printed' | 'speakerView'

/**
 * `<wl-live view="race">fallback…</wl-live>`: while its slide is on screen, the lab page in a
 * compact presentation mode (`/?present=race`) in an iframe; otherwise nothing runs. When the lab
 * server does not answer, in a printed deck and in the speaker view's previews, its children show
 * instead (a static figure), with a sentence saying why.
 */
export class LiveViewElement extends HTMLElement {
  /** Set by the deck before the slide is shown: the language and how the deck is being shown. */
  static language: Language = 'en'
  static mode: 'screen' | Exclude<FallbackReason, 'offline'> = 'screen'

  #frame: HTMLElement | null = null
  #fallback: HTMLElement | null = null
  #reason: HTMLElement | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  #active = false

  get view(): PresentView {
    return this.getAttribute('view') as PresentView
  }

  connectedCallback(): void {
    if (this.#fallback) return
    const t = DECK_TEXTS[LiveViewElement.language].live
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
    const up = await fetch('/api/time', { signal: AbortSignal.timeout(2_000), cache: 'no-store' })
      .then((response) => response.ok)
      .catch(() => false)
    if (!this.#active) return
    if (up) this.#startLab()
    else {
      this.#stopLab()
      this.#showFallback('offline')
    }
    this.#timer = setTimeout(() => void this.#check(), CHECK_EVERY_MS)
  }

  #startLab(): void {
    if (!this.#frame || !this.#fallback) return
    if (!this.#frame.querySelector('iframe')) {
      const iframe = document.createElement('iframe')
      iframe.src = this.#labUrl(true)
      iframe.title = DECK_TEXTS[LiveViewElement.language].live.badge
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
      this.#reason.textContent = fill(DECK_TEXTS[LiveViewElement.language].live[reason], { url })
    }
    if (this.#fallback) this.#fallback.hidden = false
    this.dataset.state = reason
  }

  /** The lab page showing this view, in the deck's language and room. */
  #labUrl(present: boolean): string {
    const params = new URLSearchParams({ room: DECK_ROOM, lang: LiveViewElement.language })
    if (present) params.set('present', this.view)
    return `/?${params}`
  }
}
