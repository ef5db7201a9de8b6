import type { OffsetEstimate } from './clock-offset.ts'
import type { Transport } from './exchange.ts'
import type { LatencySample, LatencySummary } from './latency-stats.ts'
import type { WireFigures } from './wire-stats.ts'

type CsvValue = string | number | boolean | null | undefined

/** RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** RFC 4180 lines end in CRLF, which spreadsheets expect. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('')
}

export function latencySamplesCsv(
  samples: ReadonlyMap<Transport, readonly LatencySample[]>,
): string {
  const rows: CsvValue[][] = []
  for (const [transport, list] of samples) {
    for (const sample of list) {
      rows.push([transport, sample.seq, round(sample.arrivedAt), round(sample.latencyMs)])
    }
  }
  return toCsv(['transport', 'seq', 'arrivedAtMs', 'latencyMs'], rows)
}

/** Everything the page measured for one transport. */
export interface TransportTotals {
  transport: Transport
  latency: LatencySummary | null
  wire: WireFigures | null
}

/** Three decimals: microseconds for milliseconds, and no float noise like 0.30000000000000004. */
const round = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value * 1000) / 1000

export function totalsCsv(totals: readonly TransportTotals[]): string {
  const header = [
    'transport',
    'messages',
    'p50Ms',
    'p95Ms',
    'p99Ms',
    'minMs',
    'maxMs',
    'meanMs',
    'bytesUp',
    'bytesDown',
    'bytesPerMessage',
    'overheadRatio',
    'requests',
    'requestsPerMessage',
    'emptyResponses',
    'connections',
    'reconnects',
  ]
  const rows = totals.map(({ transport, latency, wire }) => [
    transport,
    latency?.count ?? 0,
    round(latency?.p50),
    round(latency?.p95),
    round(latency?.p99),
    round(latency?.min),
    round(latency?.max),
    round(latency?.mean),
    wire?.bytesUp,
    wire?.bytesDown,
    round(wire?.bytesPerMessage),
    round(wire?.overheadRatio),
    wire?.requests,
    round(wire?.requestsPerMessage),
    wire?.emptyResponses,
    wire?.connections,
    wire?.reconnects,
  ])
  return toCsv(header, rows)
}

export interface LabExport {
  exportedAt: string
  client: string
  clockOffset: OffsetEstimate | null
  totals: TransportTotals[]
  samples: Partial<Record<Transport, LatencySample[]>>
}

export function labExportJson(data: LabExport): string {
  return `${JSON.stringify(data, null, 2)}\n`
}
