import type { Experiment, ExperimentPreset } from '../../../server/src/class/protocol.ts'
import { el } from '../elements/dom.ts'
import { fill, fillCount } from '../i18n/index.ts'
import { ApiError, postJson } from './class-api.ts'
import { type ExperimentPhase, experimentPhase } from './experiment-clock.ts'
import { formatDecimal } from './figures.ts'
import { experimentName, presetText } from './preset-text.ts'
import type { ClassTexts } from './texts.ts'

interface PresetRow {
  preset: ExperimentPreset
  article: HTMLElement
  name: HTMLElement
  description: HTMLElement
  facts: HTMLElement
  durationLabel: HTMLLabelElement
  duration: HTMLInputElement
  start: HTMLButtonElement
}

/**
 * The presets, each with a Start button, and the running experiment's countdown and progress,
 * on the server's clock. Built once: a redraw never loses a duration being typed.
 */
export class ExperimentsPanel {
  #heading = el('h2')
  #list = el('div', 'presets')
  #status = el('p', 'run-status')
  #progress = el('progress')
  #error = el('p', 'feedback failed')
  #rows: PresetRow[] = []
  #experiment: Experiment | null = null
  #results = 0
  #failure: ((texts: ClassTexts) => string) | null = null
  #serverNow: () => number
  #texts: ClassTexts
  #locale: string

  constructor(root: HTMLElement, serverNow: () => number, texts: ClassTexts, locale: string) {
    this.#serverNow = serverNow
    this.#texts = texts
    this.#locale = locale
    this.#progress.max = 1
    this.#error.setAttribute('role', 'alert')
    root.replaceChildren(this.#heading, this.#status, this.#progress, this.#list, this.#error)
    setInterval(() => this.#renderStatus(), 250)
  }

  set presets(presets: readonly ExperimentPreset[]) {
    this.#rows = presets.map((preset) => this.#presetRow(preset))
    this.#list.replaceChildren(...this.#rows.map((row) => row.article))
    this.render(this.#texts, this.#locale)
  }

  /** The running or last experiment and how many pages sent their result, from `event: live`. */
  update(experiment: Experiment | null, results: number): void {
    this.#experiment = experiment
    this.#results = results
    this.#renderStatus()
  }

  render(texts: ClassTexts, locale: string): void {
    this.#texts = texts
    this.#locale = locale
    this.#heading.textContent = texts.dashboard.experiments.heading
    for (const row of this.#rows) {
      const durationS = Number(row.duration.value) || row.preset.durationS
      const { name, description } = presetText(row.preset, durationS, texts, locale)
      row.name.textContent = name
      row.description.textContent = description
      row.facts.textContent = fill(texts.dashboard.experiments.facts, {
        duration: formatDecimal(durationS, locale),
        rate: formatDecimal(row.preset.settings.tickerRate, locale),
        size: formatDecimal(row.preset.settings.tickerSize, locale),
      })
      row.durationLabel.textContent = texts.dashboard.experiments.duration
      row.start.textContent = texts.dashboard.experiments.start
    }
    this.#error.hidden = this.#failure === null
    this.#error.textContent = this.#failure?.(texts) ?? ''
    this.#renderStatus()
  }

  #presetRow(preset: ExperimentPreset): PresetRow {
    const article = el('article', 'preset')
    article.dataset.preset = preset.id
    const duration = el('input', 'num')
    Object.assign(duration, { type: 'number', min: '5', max: '600', step: '1', required: true })
    duration.id = `duration-${preset.id}`
    duration.value = String(preset.durationS)
    duration.inputMode = 'numeric'
    const durationLabel = el('label')
    durationLabel.htmlFor = duration.id
    const start = el('button', 'primary')
    start.type = 'button'
    const row: PresetRow = {
      preset,
      article,
      name: el('h3'),
      description: el('p'),
      facts: el('p', 'muted small'),
      durationLabel,
      duration,
      start,
    }
    start.addEventListener('click', () => void this.#start(row))
    duration.addEventListener('input', () => this.render(this.#texts, this.#locale))
    const controls = el('div', 'preset-controls')
    controls.append(durationLabel, duration, start)
    article.append(row.name, row.description, row.facts, controls)
    return row
  }

  async #start(row: PresetRow): Promise<void> {
    if (!row.duration.reportValidity()) return
    this.#failure = null
    try {
      const body = { preset: row.preset.id, durationS: Number(row.duration.value) }
      const experiment = await postJson<Experiment>('/api/class/experiments', body)
      if (experiment) this.update(experiment, 0)
    } catch (error) {
      const busy = error instanceof ApiError && error.status === 409
      const message = error instanceof Error ? error.message : String(error)
      this.#failure = (t) =>
        busy ? t.dashboard.experiments.busy : fill(t.dashboard.experiments.failed, { message })
    }
    this.render(this.#texts, this.#locale)
  }

  #renderStatus(): void {
    const experiment = this.#experiment
    const phase: ExperimentPhase | null = experiment
      ? experimentPhase(experiment, this.#serverNow())
      : null
    const busy = phase?.phase === 'countdown' || phase?.phase === 'running'
    for (const row of this.#rows) row.start.disabled = busy
    this.#status.hidden = phase === null
    this.#status.dataset.phase = phase?.phase ?? ''
    this.#progress.hidden = phase?.phase !== 'running'
    if (phase?.phase === 'running') this.#progress.value = phase.progress
    if (!experiment || !phase) return
    const words = this.#texts.dashboard.experiments
    const name = experimentName(experiment, this.#texts, this.#locale)
    const values = { name, seconds: 'secondsLeft' in phase ? phase.secondsLeft : 0 }
    const text =
      phase.phase === 'countdown'
        ? fill(words.countdown, values)
        : phase.phase === 'running'
          ? fill(words.running, values)
          : fillCount(
              phase.phase === 'collecting' ? words.collecting : words.ended,
              this.#results,
              this.#locale,
              values,
            )
    if (this.#status.textContent !== text) this.#status.textContent = text
  }
}
