/** Formats a byte count for people: `312 B`, `1.2 kB`, `3.4 MB` (decimal units, locale digits). */
export function formatBytes(bytes: number, locale = 'en'): string {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 ? 0 : 1
  return `${formatNumber(value, locale, digits)} ${units[unit]}`
}

/** Formats a duration: one decimal below 10 ms, whole ms below 1 s, seconds with two decimals above. */
export function formatMs(ms: number, locale = 'en'): string {
  if (Math.abs(ms) >= 1000) return `${formatNumber(ms / 1000, locale, 2)} s`
  return `${formatNumber(ms, locale, Math.abs(ms) < 10 ? 1 : 0)} ms`
}

export function formatNumber(value: number, locale = 'en', fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value)
}

/** A latency for people: "12 ms", or "≤ 2.1 ms" when it is only an upper bound. */
export function formatFigure(figure: { ms: number; atMost: boolean }, locale = 'en'): string {
  return `${figure.atMost ? '≤ ' : ''}${formatMs(figure.ms, locale)}`
}
