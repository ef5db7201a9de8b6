import type { ClassSettings, ClassState } from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { el } from '../elements/dom.ts'
import { fill, fillCount } from '../i18n/index.ts'
import { postJson } from './class-api.ts'
import { type ClassTexts, SETTING_FIELDS, type SettingField } from './texts.ts'

/** The bounds the server checks (classSettingsBodySchema), so the browser says it first. */
const SETTING_INPUTS: Record<SettingField, { min: number; max: number; step: number }> = {
  tickerRate: { min: 0, max: 50, step: 0.1 },
  tickerSize: { min: 1, max: 2000, step: 1 },
  pollIntervalMs: { min: 100, max: 60_000, step: 100 },
  longPollTimeoutMs: { min: 0, max: 60_000, step: 1000 },
  wsHeartbeatMs: { min: 0, max: 600_000, step: 1000 },
}

/** A sentence about the last action, kept as a function so a language switch says it again. */
type Feedback = (texts: ClassTexts, locale: string) => string

/**
 * The instructor's controls: the class settings (every student page applies them), dropping one
 * transport's connections on every page, clearing the room. Built once: a redraw never loses
 * a value being typed.
 */
export class ClassControls {
  #heading = el('h2')
  #hint = el('p', 'muted small')
  #form = el('form', 'settings')
  #labels = new Map<SettingField, HTMLLabelElement>()
  #inputs = new Map<SettingField, HTMLInputElement>()
  #apply = el('button', 'primary')
  #dropHeading = el('h3')
  #dropHint = el('p', 'muted small')
  #drops = el('div', 'drops')
  #clear = el('button', 'danger')
  #feedbackLine = el('p', 'feedback')
  #feedback: Feedback | null = null
  #texts: ClassTexts
  #locale: string
  #transports: readonly Transport[] = []

  constructor(root: HTMLElement, texts: ClassTexts, locale: string) {
    this.#texts = texts
    this.#locale = locale
    for (const field of SETTING_FIELDS) {
      const input = el('input', 'num')
      const { min, max, step } = SETTING_INPUTS[field]
      Object.assign(input, { id: `setting-${field}`, name: field, type: 'number', required: true })
      Object.assign(input, { min: String(min), max: String(max), step: String(step) })
      input.inputMode = field === 'tickerRate' ? 'decimal' : 'numeric'
      const label = el('label')
      label.htmlFor = input.id
      this.#labels.set(field, label)
      this.#inputs.set(field, input)
      this.#form.append(label, input)
    }
    this.#apply.type = 'submit'
    this.#apply.disabled = true
    this.#form.append(this.#apply)
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.#applySettings()
    })
    this.#clear.type = 'button'
    this.#clear.addEventListener('click', () => void this.#clearRoom())
    this.#feedbackLine.setAttribute('role', 'status')
    root.replaceChildren(
      this.#heading,
      this.#hint,
      this.#form,
      this.#dropHeading,
      this.#dropHint,
      this.#drops,
      this.#clear,
      this.#feedbackLine,
    )
  }

  /** The settings the server has now (from `/api/class/me`, or the answer to an apply). */
  set settings(settings: ClassSettings) {
    for (const [field, input] of this.#inputs) input.value = String(settings[field])
    this.#apply.disabled = false
  }

  /**
   * The settings as the live feed says, every second (an experiment changes them and puts them
   * back): shown unless the instructor is typing in the form.
   */
  follow(settings: ClassSettings): void {
    if (this.#form.contains(document.activeElement)) return
    for (const [field, input] of this.#inputs) {
      if (input.value !== String(settings[field])) input.value = String(settings[field])
    }
  }

  render(texts: ClassTexts, locale: string): void {
    this.#texts = texts
    this.#locale = locale
    const words = texts.dashboard
    this.#heading.textContent = words.settings.heading
    this.#hint.textContent = words.settings.hint
    for (const [field, label] of this.#labels) label.textContent = words.settings.fields[field]
    this.#apply.textContent = words.settings.apply
    this.#dropHeading.textContent = words.drop.heading
    this.#dropHint.textContent = words.drop.hint
    for (const button of this.#drops.querySelectorAll<HTMLButtonElement>('button')) {
      const transport = texts.transports[button.dataset.transport as Transport]
      button.textContent = fill(words.drop.button, { transport })
    }
    this.#clear.textContent = words.clear.button
    this.#feedbackLine.textContent = this.#feedback?.(texts, locale) ?? ''
  }

  /** One drop button per transport the class runs (Socket.IO only while some page runs it). */
  showTransports(transports: readonly Transport[]): void {
    if (transports.join() === this.#transports.join()) return
    this.#transports = transports
    this.#drops.replaceChildren(
      ...transports.map((transport) => {
        const button = el('button', 'drop')
        button.type = 'button'
        button.dataset.transport = transport
        button.style.setProperty('--transport-color', `var(--wl-${transport})`)
        button.addEventListener('click', () => void this.#drop(transport))
        return button
      }),
    )
    this.render(this.#texts, this.#locale)
  }

  async #applySettings(): Promise<void> {
    const body = Object.fromEntries(
      SETTING_FIELDS.map((field) => [field, Number(this.#inputs.get(field)?.value)]),
    )
    await this.#act(async () => {
      const state = await postJson<ClassState>('/api/class/settings', body)
      if (state) this.settings = state.settings
      return (t) => t.dashboard.settings.applied
    })
  }

  async #drop(transport: Transport): Promise<void> {
    await this.#act(async () => {
      const answer = await postJson<{ killed: number }>('/api/class/drop', { transport })
      const count = answer?.killed ?? 0
      return (t, locale) =>
        fillCount(t.dashboard.drop.done, count, locale, { transport: t.transports[transport] })
    })
  }

  async #clearRoom(): Promise<void> {
    if (!confirm(this.#texts.dashboard.clear.confirm)) return
    await this.#act(async () => {
      await postJson('/api/class/clear')
      return (t) => t.dashboard.clear.done
    })
  }

  /** Runs an action; its sentence, or the server's refusal, goes below the controls. */
  async #act(action: () => Promise<Feedback>): Promise<void> {
    try {
      this.#feedback = await action()
      this.#feedbackLine.classList.remove('failed')
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.#feedback = (t) => fill(t.dashboard.failed, { message })
      this.#feedbackLine.classList.add('failed')
    }
    this.render(this.#texts, this.#locale)
  }
}
