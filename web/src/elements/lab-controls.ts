import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import { DEFAULT_CONTROLS, type LabControls } from '../lab-source.ts'
import { formatNumber } from '../lib/format.ts'
import { part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

type NumericControl = Exclude<keyof LabControls, 'paused'>

/** The choices of each select; a few good values teach more than a free-form field. */
const CHOICES: Record<NumericControl, readonly number[]> = {
  pollIntervalMs: [1000, 2000, 3000, 5000, 10_000],
  longPollTimeoutMs: [5000, 10_000, 25_000, 60_000],
  wsHeartbeatMs: [0, 5000, 15_000, 30_000],
  tickerRate: [0, 0.2, 0.5, 1, 2, 5, 20, 100, 200],
  tickerSize: [20, 200, 2000],
}

const LABELS: Record<NumericControl, string> = {
  pollIntervalMs: 'controls.pollInterval',
  longPollTimeoutMs: 'controls.longPollTimeout',
  wsHeartbeatMs: 'controls.wsHeartbeat',
  tickerRate: 'controls.tickerRate',
  tickerSize: 'controls.tickerSize',
}

const CSS = `
:host { display: block; }
.row { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; }
label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.72rem; font-weight: 600; color: var(--wl-muted); }
select {
  border: 1px solid var(--wl-border); background: var(--wl-surface-2); border-radius: 8px;
  padding: 0.35rem 0.5rem; font-size: 0.85rem; color: var(--wl-text);
}
.pause { margin-left: auto; font-weight: 600; border-radius: 999px; padding: 0.4rem 0.9rem; }
.pause[aria-pressed='true'] { background: var(--wl-accent); color: var(--wl-surface); border-color: var(--wl-accent); }
select:disabled, .pause:disabled { opacity: 0.65; cursor: not-allowed; }
.locked-note { margin: 0.6rem 0 0; font-size: 0.8rem; color: var(--wl-muted); }
`

const TEMPLATE = `<div class="row">${(Object.keys(CHOICES) as NumericControl[])
  .map(
    (key) =>
      `<label><span data-i18n="${LABELS[key]}"></span><select data-control="${key}">${CHOICES[key]
        .map((value) => `<option value="${value}"></option>`)
        .join('')}</select></label>`,
  )
  .join(
    '',
  )}<button type="button" class="pause" data-part="pause" aria-pressed="false"></button></div>
<p class="locked-note" data-part="locked-note" hidden></p>`

/** `<wl-lab-controls>`: the lab's knobs; emits `wl-controls` with the whole LabControls on every change. */
export class LabControlsElement extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #controls: LabControls = { ...DEFAULT_CONTROLS }
  #locked = false
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    for (const select of this.#root.querySelectorAll<HTMLSelectElement>('select[data-control]')) {
      select.addEventListener('change', () => {
        this.#controls = {
          ...this.#controls,
          [select.dataset.control as NumericControl]: Number(select.value),
        }
        this.#announce()
      })
    }
    part(this.#root, 'pause').addEventListener('click', () => {
      this.#controls = { ...this.#controls, paused: !this.#controls.paused }
      this.#render()
      this.#announce()
    })
  }

  get controls(): LabControls {
    return this.#controls
  }

  /** Shows values chosen elsewhere (the page's URL) without announcing a change. */
  set controls(controls: LabControls) {
    this.#controls = { ...controls }
    this.#render()
  }

  /** A class's student page: the instructor sets these for everyone, the controls only show them. */
  get locked(): boolean {
    return this.#locked
  }

  set locked(locked: boolean) {
    this.#locked = locked
    this.#render()
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  #announce(): void {
    this.dispatchEvent(
      new CustomEvent<LabControls>('wl-controls', {
        detail: this.#controls,
        bubbles: true,
        composed: true,
      }),
    )
  }

  #render(): void {
    translateTree(this.#root, i18n)
    const t = i18n.texts.controls
    const locale = i18n.locale
    const label = (key: NumericControl, value: number): string => {
      if (value === 0) return t.off
      switch (key) {
        case 'tickerRate':
          return fill(t.perSecond, { count: formatNumber(value, locale, value < 1 ? 1 : 0) })
        case 'tickerSize':
          return fill(t.bytes, { count: formatNumber(value, locale) })
        default:
          return fill(t.seconds, { count: formatNumber(value / 1000, locale) })
      }
    }
    for (const select of this.#root.querySelectorAll<HTMLSelectElement>('select[data-control]')) {
      const key = select.dataset.control as NumericControl
      const value = String(this.#controls[key])
      // A value set elsewhere (the API, ?ticker=3) is shown as it is, not as a blank choice.
      if (![...select.options].some((option) => option.value === value)) {
        const extra = document.createElement('option')
        extra.value = value
        const after = [...select.options].find((option) => Number(option.value) > Number(value))
        select.insertBefore(extra, after ?? null)
      }
      for (const option of select.options) option.textContent = label(key, Number(option.value))
      select.value = value
    }
    const pause = part<HTMLButtonElement>(this.#root, 'pause')
    pause.setAttribute('aria-pressed', String(this.#controls.paused))
    pause.textContent = this.#controls.paused ? `▶ ${t.resume}` : `❚❚ ${t.pause}`
    for (const control of this.#root.querySelectorAll<HTMLSelectElement | HTMLButtonElement>(
      'select, button',
    )) {
      control.disabled = this.#locked
    }
    const note = part(this.#root, 'locked-note')
    note.hidden = !this.#locked
    note.textContent = i18n.texts.classMode.controlsLocked
  }
}
