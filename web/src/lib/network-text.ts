import type { NetworkConditions } from '../../../server/src/protocol.ts'
import { fill, type Texts } from '../i18n/index.ts'
import { formatNumber } from './format.ts'

/** kbit/s as people say it: "56 kbit/s", "1,6 Mbit/s". */
export function formatKbps(kbps: number, locale: string): string {
  return kbps >= 1000
    ? `${formatNumber(kbps / 1000, locale, kbps % 1000 === 0 ? 0 : 1)} Mbit/s`
    : `${formatNumber(kbps, locale)} kbit/s`
}

/** One line for a shaped link: "150 ms ± 30 ms delay · 1.6 Mbit/s · 6 drops/min". */
export function describeConditions(
  conditions: NetworkConditions,
  texts: Texts['network'],
  locale: string,
): string {
  if (conditions.offline) return texts.offlineNow
  const parts: string[] = []
  if (conditions.delayMs > 0) {
    const delay = `${formatNumber(conditions.delayMs, locale)} ms`
    parts.push(
      conditions.jitterMs > 0
        ? fill(texts.delayJitter, {
            delay,
            jitter: `${formatNumber(conditions.jitterMs, locale)} ms`,
          })
        : fill(texts.delayOnly, { delay }),
    )
  }
  if (conditions.bandwidthKbps > 0) parts.push(formatKbps(conditions.bandwidthKbps, locale))
  if (conditions.dropPerMinute > 0) {
    parts.push(
      fill(texts.dropsPerMinute, { count: formatNumber(conditions.dropPerMinute, locale) }),
    )
  }
  return parts.join(' · ')
}
