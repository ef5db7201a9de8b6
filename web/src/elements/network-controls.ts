import { type NetworkConditions, NO_CONDITIONS } from '../../../server/src/protocol.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { NetworkChange } from '../lab-source.ts'
import { formatNumber } from '../lib/format.ts'
import { formatKbps } from '../lib/network-text.ts'
import { part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

type Field = 'delayMs' | 'jitterMs' | 'bandwidthKbps' | 'dropPerMinute'

/** A few telling values per knob; "3G-ish" is close to Chrome's "Fast 3G" (1.6 Mbit/s down). */
const CHOICES: Record<Field, readonly number[]> = {
  delayMs: [0, 50, 150, 300, 1000, 3000],
  jitterMs: [0, 10, 30, 100, 300],
  bandwidthKbps: [0, 8000, 1600, 400, 56],
  dropPerMinute: [0, 1, 6, 30],
}

const PRESETS: Record<'preset150' | 'preset3g', NetworkChange> = {
  preset150: { delayMs: 150, jitterMs: 0, bandwidthKbps: 0, dropPerMinute: 0, offline: false },
  preset3g: { delayMs: 150, jitterMs: 30, bandwidthKbps: 1600, dropPerMinute: 0, offline: false },
}

const OFFLINE_PRESET_MS = 10_000

const CSS = `
:host { display: block; }
.box {
  border: 1px solid var(--wl-border); border-radius: 10px; padding: 0.6rem; background: var(--wl-surface-2);
  display: flex; flex-direction: column; gap: 0.5rem; font-size: 0.8rem;
}
h4 { margin: 0; font-size: 0.8rem; }
.hint { margin: 0; color: var(--wl-muted); font-size: 0.75rem; line-height: 1.35; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); gap: 0.4rem 0.6rem; }
label { display: flex; flex-direction: column; gap: 0.15rem; font-size: 0.7rem; font-weight: 600; color: var(--wl-muted); }
select { border: 1px solid var(--wl-border); background: var(--wl-surface); border-radius: 8px; padding: 0.25rem 0.4rem; font-size: 0.8rem; color: var(--wl-text); }
.row { display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
button { font-size: 0.75rem; padding: 0.25rem 0.55rem; border-radius: 999px; }
[data-part='offline'][aria-pressed='true'] { background: var(--wl-bad); color: var(--wl-surface); border-color: var(--wl-bad); }
.status { margin: 0; font-size: 0.75rem; color: var(--wl-muted); }
.status[data-error] { color: var(--wl-bad); }
`

const TEMPLATE = `<div class="box">
  <h4 data-part="title"></h4>
  <p class="hint" data-part="hint"></p>
  <div class="grid">${(Object.keys(CHOICES) as Field[])
    .map(
      (field) =>
        `<label><span data-label="${field}"></span><select data-field="${field}">${CHOICES[field]
          .map((value) => `<option value="${value}"></option>`)
          .join('')}</select></label>`,
    )
    .join('')}</div>
  <div class="row">
    <button type="button" data-part="offline" aria-pressed="false"></button>
    <span class="status" data-part="presets-label"></span>
    <button type="button" data-preset="preset150"></button>
    <button type="button" data-preset="preset3g"></button>
    <button type="button" data-preset="presetOffline10"></button>
    <button type="button" data-preset="clear"></button>
  </div>
  <p class="status" data-part="status" role="status"></p>
</div>`

/** What a `wl-network` event carries: one transport's change, for the page to send. */
export interface NetworkChangeDetail {
  transport: string
  change: NetworkChange
}

/**
 * `<wl-network-controls transport="sse">`: one transport's network conditions (delay, jitter,
 * bandwidth, drops, offline) and presets; loaded only when a learner opens it. Emits
 * `wl-network` for every change; shows the room's conditions as the server announces them.
 */
export class NetworkControls extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #conditions: NetworkConditions = { ...NO_CONDITIONS }
  #status: { text: string; error: boolean } | null = null
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    for (const select of this.#root.querySelectorAll<HTMLSelectElement>('select[data-field]')) {
      select.addEventListener('change', () => {
        this.#change(this.#withJitterInRange(select.dataset.field as Field, Number(select.value)))
      })
    }
    part(this.#root, 'offline').addEventListener('click', () => {
      this.#change({ offline: !this.#conditions.offline })
    })
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
      button.addEventListener('click', () => this.#preset(button.dataset.preset ?? ''))
    }
  }

  /** The room's conditions for this transport, as the server last announced them. */
  set conditions(conditions: NetworkConditions | null) {
    this.#conditions = { ...NO_CONDITIONS, ...conditions }
    // Back online (the server's timer, or someone's click): "back online in 10 s" is done.
    if (!this.#conditions.offline && this.#status && !this.#status.error) this.#status = null
    this.#render()
  }

  /** A refusal from the server, said in the page's language. */
  showError(message: string): void {
    this.#status = { text: fill(i18n.texts.network.failed, { message }), error: true }
    this.#render()
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  /** A delay below the jitter would be negative: the jitter follows the delay down, and up. */
  #withJitterInRange(field: Field, value: number): NetworkChange {
    const { delayMs, jitterMs } = this.#conditions
    if (field === 'delayMs' && jitterMs > value) return { delayMs: value, jitterMs: value }
    if (field === 'jitterMs' && value > delayMs) return { delayMs: value, jitterMs: value }
    return { [field]: value }
  }

  #preset(name: string): void {
    if (name === 'clear') this.#change({ clear: true })
    else if (name === 'presetOffline10') {
      // The server brings it back: closing this tab meanwhile leaves nobody's link offline.
      this.#change({ offlineForMs: OFFLINE_PRESET_MS }, i18n.texts.network.backOnlineIn)
    } else {
      const preset = PRESETS[name as keyof typeof PRESETS]
      if (preset) this.#change(preset)
    }
  }

  #change(change: NetworkChange, status?: string): void {
    this.#status = status ? { text: status, error: false } : null
    this.#render()
    this.dispatchEvent(
      new CustomEvent<NetworkChangeDetail>('wl-network', {
        detail: { transport: this.getAttribute('transport') ?? '', change },
        bubbles: true,
        composed: true,
      }),
    )
  }

  #render(): void {
    const t = i18n.texts.network
    const locale = i18n.locale
    part(this.#root, 'title').textContent = t.title
    part(this.#root, 'hint').textContent = t.hint
    part(this.#root, 'presets-label').textContent = `${t.presets}:`
    const labels: Record<Field, string> = {
      delayMs: t.delay,
      jitterMs: t.jitter,
      bandwidthKbps: t.bandwidth,
      dropPerMinute: t.drops,
    }
    const optionText = (field: Field, value: number): string => {
      if (field === 'bandwidthKbps') return value === 0 ? t.unlimited : formatKbps(value, locale)
      if (field === 'dropPerMinute')
        return value === 0 ? t.none : fill(t.perMinute, { count: formatNumber(value, locale) })
      return `${formatNumber(value, locale)} ms`
    }
    for (const select of this.#root.querySelectorAll<HTMLSelectElement>('select[data-field]')) {
      const field = select.dataset.field as Field
      const label = this.#root.querySelector(`[data-label="${field}"]`)
      if (label) label.textContent = labels[field]
      const value = String(this.#conditions[field])
      // A value set elsewhere (the API, curl) is shown as it is.
      if (![...select.options].some((option) => option.value === value)) {
        const extra = document.createElement('option')
        extra.value = value
        select.append(extra)
      }
      for (const option of select.options)
        option.textContent = optionText(field, Number(option.value))
      select.value = value
    }
    const offline = part(this.#root, 'offline')
    offline.setAttribute('aria-pressed', String(this.#conditions.offline))
    offline.textContent = this.#conditions.offline ? t.online : t.offline
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
      const key = button.dataset.preset as 'preset150' | 'preset3g' | 'presetOffline10' | 'clear'
      button.textContent = t[key]
    }
    const status = part(this.#root, 'status')
    status.textContent = this.#status?.text ?? ''
    status.toggleAttribute('data-error', this.#status?.error ?? false)
  }
}
