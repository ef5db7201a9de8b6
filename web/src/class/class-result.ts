import { el, part } from '../elements/dom.ts'
import { BASE_CSS, sheet } from '../elements/styles.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { Transport } from '../lib/exchange.ts'
import { formatBytes, formatMs, formatNumber } from '../lib/format.ts'
import {
  type Experiment,
  RESULT_FIELDS,
  type ResultField,
  type TransportResult,
} from './class-contract.ts'
import type { Percentile } from './page-figures.ts'
import { presetName } from './preset-name.ts'

/** One experiment's figures of this page, as frozen at its end. */
export interface ResultView {
  experiment: Experiment
  transports: Partial<Record<Transport, TransportResult>>
  /** Percentiles that are only upper bounds (inside the clock's ±): shown "≤", as the panels do. */
  upperBounds: Partial<Record<Transport, readonly Percentile[]>>
}

export type PostState = { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string }

/** The page that shows the class's result (the instructor's dashboard, its result view). */
export const CLASS_RESULT_URL = '/class/?view=result'

const CSS = `
:host { display: block; container-type: inline-size; }
.card {
  background: var(--wl-surface); border: 1px solid var(--wl-border); border-radius: var(--wl-radius);
  box-shadow: var(--wl-shadow); padding: 1rem 1.25rem; border-top: 4px solid var(--wl-accent);
}
.head { display: flex; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; flex-wrap: wrap; }
h2 { font-size: 1.05rem; }
.intro { margin: 0.3rem 0 0.8rem; font-size: 0.88rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; max-width: 64rem; font-size: 0.86rem; }
th, td { padding: 0.35rem 0.6rem; text-align: right; white-space: nowrap; border-bottom: 1px solid var(--wl-border); }
th:first-child { text-align: left; font-weight: 600; color: var(--wl-muted); }
thead th { font-size: 0.78rem; color: var(--wl-text); border-bottom-width: 2px; }
thead th[data-transport] { border-bottom-color: var(--series); }
[data-transport='poll'] { --series: var(--wl-poll); }
[data-transport='longpoll'] { --series: var(--wl-longpoll); }
[data-transport='sse'] { --series: var(--wl-sse); }
[data-transport='ws'] { --series: var(--wl-ws); }
[data-transport='socketio'] { --series: var(--wl-socketio); }
.foot { display: flex; align-items: center; gap: 0.5rem 1rem; flex-wrap: wrap; margin-top: 0.8rem; font-size: 0.85rem; }
.status[data-kind='failed'] { color: var(--wl-bad); }
.status[data-kind='sent'] { color: var(--wl-ok); }
a { color: var(--wl-accent); font-weight: 600; }
.close { margin-left: auto; font-size: 0.8rem; border-radius: 999px; }
/* A phone: the four transports still side by side, their names and the row labels wrapped. */
@container (max-width: 34rem) {
  .card { padding: 0.8rem 0.75rem; }
  table { font-size: 0.78rem; }
  th, td { padding: 0.3rem 0.25rem; }
  th { white-space: normal; }
  thead th { vertical-align: bottom; }
}
`

const TEMPLATE = `<section class="card" data-part="card">
  <div class="head"><h2 data-part="title"></h2></div>
  <p class="intro muted" data-part="intro"></p>
  <div class="scroll"><table data-part="table"></table></div>
  <div class="foot">
    <span class="status" data-part="status" role="status"></span>
    <a data-part="link" href="${CLASS_RESULT_URL}"></a>
    <button type="button" class="close" data-part="close"></button>
  </div>
</section>`

/**
 * `<wl-class-result>`: "Your result", this page's figures of one experiment per transport, as they
 * were posted. Each cell has `data-transport`, `data-field` and the exact number in `data-value`
 * (absent where there is none), so a test can hold it against the class's result.
 */
export class ClassResult extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #view: ResultView | null = null
  #post: PostState | null = null
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'close').addEventListener('click', () => {
      this.hidden = true
    })
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  show(view: ResultView): void {
    this.#view = view
    this.#post = null
    this.hidden = false
    this.dataset.experiment = view.experiment.id
    this.#render()
  }

  set post(state: PostState | null) {
    this.#post = state
    if (state) this.dataset.post = state.kind
    this.#render()
  }

  #render(): void {
    const t = i18n.texts.classMode.result
    part(this.#root, 'title').textContent = t.title
    part(this.#root, 'link').textContent = t.classResult
    part(this.#root, 'close').textContent = t.close
    const status = part(this.#root, 'status')
    const post = this.#post
    status.dataset.kind = post?.kind ?? ''
    status.textContent =
      post?.kind === 'failed' ? fill(t.failed, { message: post.message }) : post ? t[post.kind] : ''
    const view = this.#view
    if (!view) return
    part(this.#root, 'intro').textContent = fill(t.intro, { name: presetName(view.experiment) })
    part(this.#root, 'table').replaceChildren(...this.#table(view))
  }

  #table(view: ResultView): HTMLElement[] {
    const t = i18n.texts.classMode.result
    const transports = Object.keys(view.transports) as Transport[]
    const head = el('tr')
    head.append(el('th', undefined, t.transport))
    for (const transport of transports) {
      const cell = el('th', undefined, i18n.texts.transports[transport].short)
      cell.dataset.transport = transport
      cell.scope = 'col'
      head.append(cell)
    }
    const body = el('tbody')
    for (const field of RESULT_FIELDS) {
      const row = el('tr')
      const label = el('th', undefined, t.fields[field])
      label.scope = 'row'
      row.append(label)
      for (const transport of transports) {
        const value = view.transports[transport]?.[field] ?? null
        const bound = view.upperBounds[transport]?.some((name) => name === field) ?? false
        const cell = el('td', 'num', `${bound ? '≤ ' : ''}${show(field, value)}`)
        cell.dataset.transport = transport
        cell.dataset.field = field
        if (value !== null) cell.dataset.value = String(value)
        row.append(cell)
      }
      body.append(row)
    }
    const thead = el('thead')
    thead.append(head)
    return [thead, body]
  }
}

function show(field: ResultField, value: number | null): string {
  const locale = i18n.locale
  if (value === null) return i18n.texts.measures.none
  switch (field) {
    case 'p50':
    case 'p95':
    case 'p99':
      return formatMs(value, locale)
    case 'bytesPerMessage':
      return formatBytes(value, locale)
    default:
      return formatNumber(value, locale)
  }
}
