import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { Delivery } from '../lib/delivery.ts'
import { formatFigure, formatMs } from '../lib/format.ts'

/** How one arrival reads on the page: the short text, its tooltip, and a class for its look. */
export interface DeliveryLabel {
  text: string
  title: string
  kind: Delivery['kind']
}

/** The one place that turns a Delivery into words, for the panels and the conversation alike. */
export function deliveryLabel(delivery: Delivery): DeliveryLabel {
  const t = i18n.texts.latency
  const locale = i18n.locale
  switch (delivery.kind) {
    case 'round-trip': {
      const ms = formatMs(delivery.ms, locale)
      return { text: `↻ ${ms}`, title: fill(t.roundTripOf, { ms }), kind: delivery.kind }
    }
    case 'one-way': {
      const title = fill(delivery.atMost ? t.atMostOf : t.oneWayOf, {
        ms: formatMs(delivery.ms, locale),
      })
      return { text: formatFigure(delivery, locale), title, kind: delivery.kind }
    }
    case 'caught-up':
      return { text: t.caughtUpShort, title: t.caughtUpHint, kind: delivery.kind }
    case 'unclocked':
      return { text: '—', title: t.unclockedHint, kind: delivery.kind }
  }
}
