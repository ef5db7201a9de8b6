import type { ClassLive, LiveTransport } from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { el } from '../elements/dom.ts'
import { fillCount } from '../i18n/index.ts'
import { CORE_TRANSPORTS } from '../lib/exchange.ts'
import {
  formatBytesPerMessage,
  formatCount,
  formatDecimal,
  formatLatency,
  transportsIn,
} from './figures.ts'
import type { ClassTexts } from './texts.ts'

/** The four transports always, Socket.IO when some page runs it. */
export function liveTransports(live: ClassLive): Transport[] {
  return [...new Set([...CORE_TRANSPORTS, ...transportsIn(live.transports)])]
}

/** The class at a glance: totals, then one card per transport, all from the last `event: live`. */
export function renderLivePanel(
  root: HTMLElement,
  live: ClassLive,
  texts: ClassTexts,
  locale: string,
): void {
  const words = texts.dashboard.live
  const totals = el('dl', 'totals')
  const total = (value: string, label: string, field: string) => {
    const item = el('div')
    item.dataset.field = field
    item.append(el('dt', undefined, label), el('dd', 'num', value))
    totals.append(item)
  }
  total(formatCount(live.students.length, locale), words.students, 'students')
  total(formatCount(live.behind.length, locale), words.behind, 'behind')
  total(formatDecimal(live.messagesPerSecond, locale), words.messagesPerSecond, 'messagesPerSecond')
  total(formatCount(live.head, locale), words.head, 'head')
  const cards = el('div', 'transport-cards')
  for (const transport of liveTransports(live)) {
    cards.append(transportCard(transport, live.transports[transport], texts, locale))
  }
  root.replaceChildren(totals, cards)
}

function transportCard(
  transport: Transport,
  figures: LiveTransport | undefined,
  texts: ClassTexts,
  locale: string,
): HTMLElement {
  const words = texts.dashboard.live
  const card = el('article', 'transport-card')
  card.dataset.transport = transport
  card.style.setProperty('--transport-color', `var(--wl-${transport})`)
  const connected = el('p', 'connected')
  connected.append(
    el('b', 'num', formatCount(figures?.connected ?? 0, locale)),
    ` ${words.connected}`,
  )
  const percentiles = el('dl', 'percentiles')
  for (const percentile of ['p50', 'p95', 'p99'] as const) {
    const item = el('div')
    item.append(
      el('dt', undefined, percentile),
      el('dd', 'num', formatLatency(figures?.[percentile], locale)),
    )
    percentiles.append(item)
  }
  const extra = el('dl', 'extra')
  for (const [label, value] of [
    [words.bytesPerMessage, formatBytesPerMessage(figures?.bytesPerMessage, locale)],
    [words.reconnects, formatCount(figures?.reconnects ?? 0, locale)],
  ] as const) {
    const item = el('div')
    item.append(el('dt', undefined, label), el('dd', 'num', value))
    extra.append(item)
  }
  const samplesNote = el(
    'p',
    'window muted',
    fillCount(words.latencyWindow, figures?.samples ?? 0, locale),
  )
  card.append(
    el('h3', undefined, texts.transports[transport]),
    connected,
    samplesNote,
    percentiles,
    extra,
  )
  return card
}
