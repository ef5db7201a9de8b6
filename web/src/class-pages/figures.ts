import type { Transport } from '../../../server/src/protocol.ts'
import { formatMs, formatNumber } from '../lib/format.ts'

/** Shown where the server has no figure (no sample yet): never a made-up 0. */
export const NO_FIGURE = '—'

/** The order every class view lists transports in, the lab page's. */
export const TRANSPORT_ORDER: readonly Transport[] = ['poll', 'longpoll', 'sse', 'ws', 'socketio']

/** The transports a per-transport record has figures for, in the lab page's order. */
export function transportsIn(record: Partial<Record<Transport, unknown>>): Transport[] {
  return TRANSPORT_ORDER.filter((transport) => record[transport] !== undefined)
}

export function formatLatency(ms: number | null | undefined, locale: string): string {
  return ms === null || ms === undefined ? NO_FIGURE : formatMs(ms, locale)
}

/** Bytes on the wire per delivered message: one decimal below 10 B, whole bytes above. */
export function formatBytesPerMessage(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined) return NO_FIGURE
  return `${formatNumber(bytes, locale, bytes < 10 ? 1 : 0)} B`
}

export function formatCount(count: number, locale: string): string {
  return formatNumber(count, locale)
}

/** A rate or a setting as typed: up to two decimals, none when whole (0.2, 5, 12.5). */
export function formatDecimal(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)
}

/** An interval as people say it: "250 ms", "1 s", "1,5 s". */
export function formatInterval(ms: number, locale: string): string {
  return ms < 1000 ? `${formatDecimal(ms, locale)} ms` : `${formatDecimal(ms / 1000, locale)} s`
}

/** A date and time of the server's clock, in the page's language. */
export function formatWhen(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(at)
}
