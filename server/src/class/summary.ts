import { TRANSPORTS, type Transport } from '../protocol.ts'
import { percentilesOf } from './percentiles.ts'
import {
  type ExperimentResult,
  type PageResult,
  RESULT_FIELDS,
  type TransportSummary,
} from './protocol.ts'

/** The class's figures per transport: every page's samples ranked together, counts added up. */
export function summarize(results: readonly PageResult[]): ExperimentResult['summary'] {
  const summary: ExperimentResult['summary'] = {}
  for (const transport of TRANSPORTS) {
    const figures = results.flatMap((result) => result.transports[transport] ?? [])
    if (figures.length === 0) continue
    const bytes = figures.flatMap((f) => (f.bytesPerMessage === null ? [] : [f.bytesPerMessage]))
    const total = (field: 'received' | 'reconnects' | 'missing' | 'repeated') =>
      figures.reduce((sum, f) => sum + f[field], 0)
    summary[transport] = {
      pages: figures.length,
      received: total('received'),
      ...percentilesOf(figures.flatMap((f) => f.samples)),
      bytesPerMessage: bytes.length === 0 ? null : bytes.reduce((a, b) => a + b, 0) / bytes.length,
      reconnects: total('reconnects'),
      missing: total('missing'),
      repeated: total('repeated'),
    } satisfies TransportSummary
  }
  return summary
}

/** One row per page and transport, then one per transport for the whole class. */
export function resultCsv({ experiment, results, summary }: ExperimentResult): string {
  const rows: (string | number | null)[][] = [
    ['experiment', 'preset', 'student', 'client', 'transport', ...RESULT_FIELDS],
  ]
  for (const result of results) {
    for (const transport of TRANSPORTS) {
      const figures = result.transports[transport]
      if (!figures) continue
      rows.push([
        experiment.id,
        experiment.preset,
        result.name,
        result.client,
        transport,
        ...RESULT_FIELDS.map((field) => figures[field]),
      ])
    }
  }
  for (const [transport, figures] of Object.entries(summary) as [Transport, TransportSummary][]) {
    rows.push([
      experiment.id,
      experiment.preset,
      '(class)',
      '',
      transport,
      ...RESULT_FIELDS.map((field) => figures[field]),
    ])
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; a formula never starts it. */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(Math.round(value * 100) / 100)
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
