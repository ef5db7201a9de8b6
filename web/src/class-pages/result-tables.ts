import { RESULT_FIELDS } from '../../../server/src/class/limits.ts'
import type {
  ExperimentResult,
  PageResult,
  TransportResult,
  TransportSummary,
} from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { el } from '../elements/dom.ts'
import {
  formatBytesPerMessage,
  formatCount,
  formatLatency,
  NO_FIGURE,
  transportsIn,
} from './figures.ts'
import { type ClassTexts, SUMMARY_FIELDS, type SummaryField } from './texts.ts'

/** A page's result has every figure of the summary but `pages`. */

type Figures = Partial<Record<SummaryField, number | null>>

/** The class's figures per transport: one row each, `data-transport` and `data-field` on every cell. */
export function summaryTable(
  summary: ExperimentResult['summary'],
  transports: readonly Transport[],
  texts: ClassTexts,
  locale: string,
): HTMLTableElement {
  const table = tableWithHead([texts.result.transport], SUMMARY_FIELDS.map(fieldName(texts)))
  const body = table.createTBody()
  for (const transport of transports) {
    const row = body.insertRow()
    row.dataset.transport = transport
    row.append(transportCell(transport, texts))
    const figures: TransportSummary | undefined = summary[transport]
    for (const field of SUMMARY_FIELDS) row.append(figureCell(transport, field, figures, locale))
  }
  return table
}

/**
 * Each page's own result, a row per transport: every row has `data-client` (the page's id) and
 * `data-transport`, every figure cell `data-transport` and `data-field`.
 */
export function pagesTable(
  results: readonly PageResult[],
  texts: ClassTexts,
  locale: string,
): HTMLTableElement {
  const table = tableWithHead(
    [texts.result.student, texts.result.transport],
    RESULT_FIELDS.map(fieldName(texts)),
  )
  const sorted = [...results].sort((a, b) => a.name.localeCompare(b.name, locale))
  for (const result of sorted) {
    const body = table.createTBody()
    const transports = transportsIn(result.transports)
    transports.forEach((transport, index) => {
      const row = body.insertRow()
      row.dataset.client = result.client
      row.dataset.transport = transport
      if (index === 0) {
        const name = el('th', 'student', result.name)
        name.scope = 'rowgroup'
        name.rowSpan = transports.length
        row.append(name)
      }
      row.append(transportCell(transport, texts))
      const figures: TransportResult | undefined = result.transports[transport]
      for (const field of RESULT_FIELDS) row.append(figureCell(transport, field, figures, locale))
    })
  }
  return table
}

/** A table whose head names its label columns, then its figure columns (aligned as numbers). */
function tableWithHead(labels: readonly string[], figures: readonly string[]): HTMLTableElement {
  const table = el('table', 'figures')
  const head = table.createTHead().insertRow()
  for (const [column, className] of [
    ...labels.map((label) => [label, undefined] as const),
    ...figures.map((figure) => [figure, 'num'] as const),
  ]) {
    const cell = el('th', className, column)
    cell.scope = 'col'
    head.append(cell)
  }
  return table
}

function transportCell(transport: Transport, texts: ClassTexts): HTMLTableCellElement {
  const cell = el('th', 'transport', texts.transports[transport])
  cell.scope = 'row'
  cell.style.setProperty('--transport-color', `var(--wl-${transport})`)
  return cell
}

/** A figure as people read it, its raw value in `data-value` (empty: the server has none). */
function figureCell(
  transport: Transport,
  field: SummaryField,
  figures: Figures | undefined,
  locale: string,
): HTMLTableCellElement {
  const value = figures?.[field] ?? null
  const cell = el('td', 'num', formatField(field, value, locale))
  cell.dataset.transport = transport
  cell.dataset.field = field
  cell.dataset.value = value === null ? '' : String(value)
  return cell
}

function formatField(field: SummaryField, value: number | null, locale: string): string {
  if (field === 'p50' || field === 'p95' || field === 'p99') return formatLatency(value, locale)
  if (field === 'bytesPerMessage') return formatBytesPerMessage(value, locale)
  return value === null ? NO_FIGURE : formatCount(value, locale)
}

function fieldName(texts: ClassTexts): (field: SummaryField) => string {
  return (field) => texts.result.fields[field]
}
