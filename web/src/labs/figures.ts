import type { Transport } from '../lib/exchange.ts'
import { formatFigure, formatNumber } from '../lib/format.ts'
import type { LabMeasurements } from '../lib/lab-measurements.ts'

/**
 * A live figure as a lab's Record row takes it: the number, its unit, and the text written into
 * the row — the exact number (bytes not rounded to kB), so that a report can be checked.
 */
export interface FigureReading {
  value: number
  unit: string
  display: string
  /** The value is only an upper bound (latency inside the clock's ±). */
  atMost?: boolean
}

const exact = (value: number, unit: string, locale: string, digits = 0): string =>
  `${formatNumber(value, locale, digits)}${unit ? ` ${unit}` : ''}`

const COUNTS = ['requests', 'emptyResponses', 'connections', 'reconnects', 'messages', 'caughtUp']
const BYTES = ['bytesUp', 'bytesDown', 'bytesPerMessage']
const LATENCIES = ['p50', 'p95', 'p99', 'roundTripP50']
const WS_FIELDS = ['framesIn', 'framesOut', 'handshakeBytesIn', 'handshakeBytesOut'] as const

/** Reads a figure named as in labs/FORMAT.md (`sse.bytesPerMessage`), or null when not measured yet. */
export function readFigure(
  key: string,
  measurements: LabMeasurements,
  locale: string,
): FigureReading | null {
  const [scope = '', name = ''] = key.split('.')
  if (scope === 'clock') {
    const offset = measurements.offset
    if (!offset) return null
    const value = name === 'offset' ? offset.offsetMs : offset.uncertaintyMs
    return { value, unit: 'ms', display: exact(value, 'ms', locale, 1) }
  }
  const transport = scope as Transport
  const totals = measurements.totals().find((t) => t.transport === transport)
  if (!totals) return null
  const stats = measurements.wireStats?.transports[transport]
  if ((WS_FIELDS as readonly string[]).includes(name)) {
    const ws = measurements.wireStats?.transports.ws
    if (!ws) return null
    const value = ws[name as (typeof WS_FIELDS)[number]]
    const unit = name.startsWith('frames') ? '' : 'B'
    return { value, unit, display: exact(value, unit, locale) }
  }
  if (COUNTS.includes(name)) {
    const value =
      name === 'caughtUp'
        ? totals.caughtUp
        : name === 'reconnects'
          ? (totals.wire?.reconnects ?? 0)
          : stats?.[name as 'requests' | 'emptyResponses' | 'connections' | 'messages']
    if (value === undefined) return null
    return { value, unit: '', display: exact(value, '', locale) }
  }
  if (BYTES.includes(name)) {
    const wire = totals.wire
    const value = wire?.[name as 'bytesUp' | 'bytesDown' | 'bytesPerMessage']
    if (value === undefined || value === null) return null
    return {
      value,
      unit: 'B',
      display: exact(value, 'B', locale, name === 'bytesPerMessage' ? 1 : 0),
    }
  }
  if (name === 'requestsPerMessage') {
    const value = totals.wire?.requestsPerMessage
    if (value === undefined || value === null) return null
    return { value, unit: '', display: exact(value, '', locale, 2) }
  }
  if (LATENCIES.includes(name)) {
    const figure =
      name === 'roundTripP50'
        ? totals.roundTrip?.p50
        : totals.latency?.[name as 'p50' | 'p95' | 'p99']
    if (!figure) return null
    return {
      value: figure.ms,
      unit: 'ms',
      display: formatFigure(figure, locale),
      atMost: figure.atMost,
    }
  }
  return null
}
