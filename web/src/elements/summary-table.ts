import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill, textAt } from '../i18n/index.ts'
import type { Transport } from '../lib/exchange.ts'
import { formatBytes, formatMs, formatNumber } from '../lib/format.ts'
import { el, part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

/** One transport's line of the comparison; null where nothing is measured yet. */
export interface SummaryRow {
  transport: Transport
  messages: number
  bytesPerMessage: number | null
  p50: number | null
  p95: number | null
  /** Latency columns whose value is only an upper bound (inside the clock's ±): shown as "≤". */
  upperBounds?: ('p50' | 'p95')[]
  requestsPerMessage: number | null
  overheadRatio: number | null
  /** Several instances: this transport's wire figures are one instance's share (its panel says so). */
  partialWire?: boolean
}

type Column = Exclude<keyof SummaryRow, 'transport' | 'upperBounds' | 'partialWire'>
const COLUMNS: Column[] = [
  'messages',
  'bytesPerMessage',
  'p50',
  'p95',
  'requestsPerMessage',
  'overheadRatio',
]
/** Lower is better in every compared column; `messages` is context, not a contest. */
const COMPARED = new Set<Column>([
  'bytesPerMessage',
  'p50',
  'p95',
  'requestsPerMessage',
  'overheadRatio',
])
const HEADINGS: Record<Column, string> = {
  messages: 'summary.messages',
  bytesPerMessage: 'summary.bytesPerMessage',
  p50: 'summary.p50',
  p95: 'summary.p95',
  requestsPerMessage: 'summary.requestsPerMessage',
  overheadRatio: 'summary.overhead',
}
/** The columns the server's meter gives (one instance's share when the wire is partial). */
const WIRE = new Set<Column>(['messages', 'bytesPerMessage', 'requestsPerMessage', 'overheadRatio'])
/** A heading's tooltip, where the name alone does not say how the figure is made. */
const HINTS: Partial<Record<Column, string>> = { overheadRatio: 'measures.overheadHint' }

const CSS = `
:host { display: block; overflow-x: auto; container-type: inline-size; }
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
th, td { padding: 0.55rem 0.75rem; text-align: right; border-bottom: 1px solid var(--wl-border); white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { white-space: normal; vertical-align: bottom; font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--wl-muted); font-weight: 600; }
tbody tr:last-child td { border-bottom: none; }
.name { display: inline-flex; align-items: center; gap: 0.5rem; font-weight: 600; }
.dot { width: 0.65rem; height: 0.65rem; border-radius: 50%; }
.best { font-weight: 700; color: var(--wl-ok); }
.partial { color: var(--wl-muted); }
/* Too narrow for every column side by side (a phone): each transport becomes a card of
   label/value rows, the labels taken from each cell's data-label, so a new column needs no CSS. */
@container (max-width: 46rem) {
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tbody { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); gap: 0.75rem; }
  tr { border: 1px solid var(--wl-border); border-radius: 10px; padding: 0.35rem 0.75rem; }
  td { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; padding: 0.3rem 0; white-space: normal; }
  td:first-child { padding: 0.2rem 0 0.4rem; }
  td:last-child { border-bottom: none; }
  td[data-label]::before { content: attr(data-label); color: var(--wl-muted); font-weight: 400; text-align: left; }
}
`

const TEMPLATE = `<table><thead><tr><th data-i18n="summary.transport"></th>${COLUMNS.map(
  (column) =>
    `<th data-i18n="${HEADINGS[column]}"${HINTS[column] ? ` data-i18n-attr="title:${HINTS[column]}"` : ''}></th>`,
).join('')}</tr></thead><tbody data-part="body"></tbody></table>`

/** `<wl-summary-table>`: the four transports compared on one screen; the best value per column is marked. */
export class SummaryTable extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #rows: SummaryRow[] = []
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  update(rows: SummaryRow[]): void {
    this.#rows = rows
    this.#render()
  }

  #render(): void {
    translateTree(this.#root, i18n)
    const best = new Map<Column, number>()
    for (const column of COMPARED) {
      const values = this.#rows
        .filter((row) => !(row.partialWire && WIRE.has(column)))
        .map((row) => row[column])
        .filter((v): v is number => v !== null)
      if (values.length > 1) best.set(column, Math.min(...values))
    }
    part(this.#root, 'body').replaceChildren(
      ...this.#rows.map((row) => {
        const tr = el('tr')
        const name = el('span', 'name')
        const dot = el('span', 'dot')
        dot.style.background = `var(--wl-${row.transport})`
        name.append(dot, i18n.texts.transports[row.transport].name)
        const first = el('td')
        first.append(name)
        tr.append(first)
        for (const column of COLUMNS) {
          const value = row[column]
          const partial = row.partialWire === true && WIRE.has(column) && value !== null
          const isBest = value !== null && !partial && best.get(column) === value
          const atMost = (row.upperBounds as Column[] | undefined)?.includes(column) ?? false
          const td = el(
            'td',
            `num${isBest ? ' best' : ''}${partial ? ' partial' : ''}`,
            `${atMost ? '≤ ' : ''}${this.#format(column, value)}${partial ? ' †' : ''}`,
          )
          td.dataset.label = textAt(i18n.texts, HEADINGS[column])
          if (isBest) td.title = i18n.texts.summary.best
          if (partial) td.title = i18n.texts.summary.partialWire
          tr.append(td)
        }
        return tr
      }),
    )
  }

  #format(column: Column, value: number | null): string {
    const locale = i18n.locale
    if (value === null) return i18n.texts.measures.none
    switch (column) {
      case 'messages':
        return formatNumber(value, locale)
      case 'bytesPerMessage':
        return formatBytes(value, locale)
      case 'p50':
      case 'p95':
        return formatMs(value, locale)
      case 'requestsPerMessage':
        return formatNumber(value, locale, 2)
      case 'overheadRatio':
        return fill(i18n.texts.measures.times, { value: formatNumber(value, locale, 1) })
    }
  }
}
