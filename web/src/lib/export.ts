import type { OffsetEstimate } from './clock-offset.ts'
import type { Transport } from './exchange.ts'
import type { LatencyFigure, LatencySample, LatencySummary } from './latency-stats.ts'
import type { WireFigures, WireStats } from './wire-stats.ts'

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

/** The two kinds of latency sample the page takes. */
export type SampleKind = 'one-way' | 'round-trip'

export interface SampleRow {
  transport: Transport
  kind: SampleKind
  sample: LatencySample
}

/** `atMost`: the value is an upper bound (the measurement fell inside the clock's uncertainty). */
export function latencySamplesCsv(rows: readonly SampleRow[]): string {
  return toCsv(
    ['transport', 'kind', 'seq', 'arrivedAtMs', 'latencyMs', 'atMost'],
    rows.map(({ transport, kind, sample }) => [
      transport,
      kind,
      sample.seq,
      round(sample.arrivedAt),
      round(sample.ms),
      sample.atMost,
    ]),
  )
}

/** Everything the page measured for one transport. */
export interface TransportTotals {
  transport: Transport
  /** One-way latency of other people's messages. */
  latency: LatencySummary | null
  /** Round trip of this page's own messages. */
  roundTrip: LatencySummary | null
  /** Messages that arrived as backlog (after a pause, a reconnect, the first load). */
  caughtUp: number
  wire: WireFigures | null
}

/** Three decimals: microseconds for milliseconds, and no float noise like 0.30000000000000004. */
const round = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value * 1000) / 1000

const figureColumns = (figure: LatencyFigure | undefined): CsvValue[] => [
  round(figure?.ms),
  figure?.atMost,
]

export function totalsCsv(totals: readonly TransportTotals[]): string {
  const header = [
    'transport',
    'oneWaySamples',
    'oneWayAtMost',
    ...['p50', 'p95', 'p99', 'min', 'max', 'mean'].flatMap((name) => [
      `${name}Ms`,
      `${name}AtMost`,
    ]),
    'roundTripSamples',
    'roundTripP50Ms',
    'roundTripP95Ms',
    'caughtUp',
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
  const rows = totals.map(({ transport, latency, roundTrip, caughtUp, wire }) => [
    transport,
    latency?.count ?? 0,
    latency?.atMostCount ?? 0,
    ...(['p50', 'p95', 'p99', 'min', 'max', 'mean'] as const).flatMap((name) =>
      figureColumns(latency?.[name]),
    ),
    roundTrip?.count ?? 0,
    round(roundTrip?.p50.ms),
    round(roundTrip?.p95.ms),
    caughtUp,
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

/** "Everything (JSON)": a lab run a student can hand in, or load again to compare. */
export interface LabExport {
  format: 'wirelab-lab-export/1'
  exportedAt: string
  client: string
  room: string
  environment: {
    userAgent: string
    page: string
    language: string
    server: { name: string; version: string; node: string } | null
  }
  /** The page's controls and the room's ticker when exported. */
  settings: Record<string, unknown>
  clockOffset: OffsetEstimate | null
  totals: TransportTotals[]
  /** The meter's counters for this page, as the server last sent them. */
  wire: WireStats | null
  samples: Record<SampleKind, Partial<Record<Transport, LatencySample[]>>>
  /** The room's messages as this page saw them, with each transport's arrival. */
  messages: unknown[]
  /** What this file does not hold, and why: empty when nothing was left out. */
  omitted: string[]
}

export function labExportJson(data: LabExport): string {
  return `${JSON.stringify(data, null, 2)}\n`
}
