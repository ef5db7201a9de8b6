import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import type { ConnectionState } from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import type { ExchangeLog, Transport } from '../lib/exchange.ts'
import { formatBytes, formatMs, formatNumber } from '../lib/format.ts'
import type { LatencySample, LatencySummary } from '../lib/latency-stats.ts'
import type { WireFigures } from '../lib/wire-stats.ts'
import { el, part, prependBounded, renderScheduler } from './dom.ts'
import type { LatencyCharts } from './latency-charts.ts'
import type { SequenceDiagramView } from './sequence-diagram-view.ts'
import { BASE_CSS, sheet } from './styles.ts'
import { PANEL_CSS } from './transport-panel.styles.ts'

/** Bounded so a ticker running through a whole class never grows the DOM. */
const MAX_MESSAGES = 50

const FIGURES = [
  'bytesPerMessage',
  'overhead',
  'bytesUp',
  'bytesDown',
  'requests',
  'emptyResponses',
  'connections',
  'reconnects',
] as const

const TEMPLATE = `
<article class="panel">
  <header>
    <span class="swatch" aria-hidden="true"></span>
    <h2 data-part="name"></h2>
    <span class="badge" data-part="state"><span class="pulse" aria-hidden="true"></span><span data-part="state-text"></span></span>
    <button class="drop" data-part="pause" aria-pressed="false">❚❚</button>
    <button class="drop" data-part="drop" data-i18n-attr="title:controls.drop aria-label:controls.drop">⟲</button>
  </header>
  <p class="how" data-part="how"></p>
  <section class="latency">
    <h3 data-i18n="panel.latency"></h3>
    <div class="big3">
      <div><span class="label">p50</span><span class="value num" data-part="p50">—</span></div>
      <div><span class="label">p95</span><span class="value num" data-part="p95">—</span></div>
      <div><span class="label">p99</span><span class="value num" data-part="p99">—</span></div>
    </div>
    <p class="extra muted num" data-part="latency-extra"></p>
    <wl-latency-charts data-part="charts"></wl-latency-charts>
  </section>
  <section class="wire">
    <h3 data-i18n="panel.wire"></h3>
    <dl class="figures">${FIGURES.map(
      (key) =>
        `<div><dt data-i18n="measures.${key}"></dt><dd class="num" data-figure="${key}">—</dd></div>`,
    ).join('')}</dl>
  </section>
  <section class="messages">
    <h3 data-i18n="panel.messages"></h3>
    <p class="empty muted" data-part="empty" data-i18n="panel.noMessages"></p>
    <p class="continuity" data-part="continuity" hidden></p>
    <ol data-part="messages"></ol>
  </section>
  <details data-part="diagram-details">
    <summary data-i18n="panel.diagram"></summary>
    <wl-sequence-diagram data-part="diagram"></wl-sequence-diagram>
  </details>
  <slot></slot>
</article>`

/** `<wl-transport-panel transport="sse">`: one transport's live view; the host carries `data-transport`. */
export class TransportPanel extends HTMLElement {
  static observedAttributes = ['transport']
  #root = this.attachShadow({ mode: 'open' })
  #unsubscribe: (() => void) | undefined
  #state: ConnectionState = 'connecting'
  #summary: LatencySummary | null = null
  #figures: WireFigures | null = null
  #continuity: { missing: number; repeated: number } | null = null
  #paused = false
  #received = 0
  #incoming: { message: ChatMessage; latencyMs: number | null; fromHistory: boolean }[] = []

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(PANEL_CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'drop').addEventListener('click', () => {
      this.dispatchEvent(
        new CustomEvent('wl-drop', {
          detail: { transport: this.transport },
          bubbles: true,
          composed: true,
        }),
      )
    })
    part(this.#root, 'pause').addEventListener('click', () => {
      this.#paused = !this.#paused
      this.#renderPause()
      this.dispatchEvent(
        new CustomEvent('wl-pause', {
          detail: { transport: this.transport, paused: this.#paused },
          bubbles: true,
          composed: true,
        }),
      )
    })
    part<HTMLDetailsElement>(this.#root, 'diagram-details').addEventListener('toggle', (event) => {
      const open = (event.currentTarget as HTMLDetailsElement).open
      this.#diagram.active = open
    })
  }

  get transport(): Transport {
    const value = this.getAttribute('transport')
    if (value === 'poll' || value === 'longpoll' || value === 'sse' || value === 'ws') return value
    throw new Error(
      `wl-transport-panel transport must be poll, longpoll, sse or ws, got "${value}"`,
    )
  }

  /** Where the sequence diagram gets the exchanges it draws. */
  set exchangeLoader(load: (() => Promise<ExchangeLog>) | null) {
    this.#diagram.load = load
  }

  connectedCallback(): void {
    this.dataset.transport = this.transport
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  attributeChangedCallback(): void {
    if (this.isConnected) {
      this.dataset.transport = this.transport
      this.#render()
    }
  }

  setState(state: ConnectionState): void {
    this.#state = state
    this.#renderState()
  }

  /** `latencyMs` is null for history (sent before this page was open) and before a clock offset exists. */
  addMessage(message: ChatMessage, latencyMs: number | null, fromHistory = false): void {
    // Every live message counts, also those the bounded list has already let go.
    if (!fromHistory) this.#received++
    this.#incoming.push({ message, latencyMs, fromHistory })
    // Only the newest MAX_MESSAGES can ever be seen: older ones queued in the same frame are skipped.
    if (this.#incoming.length > MAX_MESSAGES)
      this.#incoming.splice(0, this.#incoming.length - MAX_MESSAGES)
    this.#flushSoon()
  }

  #flushSoon = renderScheduler(() => {
    const batch = this.#incoming.splice(0)
    // A highlight per message is pleasant at a few a second and only repaints at hundreds.
    part(this.#root, 'messages').classList.toggle('busy', batch.length > 2)
    for (const { message, latencyMs, fromHistory } of batch) {
      this.#renderMessage(message, latencyMs, fromHistory)
    }
    this.dataset.received = String(this.#received)
  }, 100)

  #renderMessage(message: ChatMessage, latencyMs: number | null, fromHistory: boolean): void {
    const item = el('li', fromHistory ? 'history' : message.kind)
    item.dataset.seq = String(message.seq)
    const head = el('div', 'head')
    head.append(el('span', 'user', message.user), el('span', 'seq muted num', `#${message.seq}`))
    if (latencyMs !== null) {
      const latency = el('span', 'lat num', formatMs(latencyMs, i18n.locale))
      latency.title = fill(i18n.texts.panel.latencyOf, { ms: formatMs(latencyMs, i18n.locale) })
      head.append(latency)
    }
    item.append(head, el('p', 'text', message.text))
    prependBounded(part(this.#root, 'messages'), item, MAX_MESSAGES)
    part(this.#root, 'empty').hidden = true
  }

  /** Shows whether the seqs that arrived run without holes or repeats (the point of resuming). */
  setContinuity(missing: number, repeated: number): void {
    this.#continuity = { missing, repeated }
    this.#renderContinuity()
  }

  updateLatency(summary: LatencySummary | null, samples: readonly LatencySample[]): void {
    this.#summary = summary
    this.#renderLatency()
    this.#charts.update(samples)
  }

  updateWire(figures: WireFigures | null): void {
    this.#figures = figures
    this.#renderWire()
  }

  get #charts(): LatencyCharts {
    return part<LatencyCharts>(this.#root, 'charts')
  }

  get #diagram(): SequenceDiagramView {
    return part<SequenceDiagramView>(this.#root, 'diagram')
  }

  #render(): void {
    const texts = i18n.texts.transports[this.transport]
    translateTree(this.#root, i18n)
    part(this.#root, 'name').textContent = texts.name
    part(this.#root, 'how').textContent = texts.how
    this.#renderState()
    this.#renderLatency()
    this.#renderWire()
    this.#renderContinuity()
    this.#renderPause()
  }

  #renderPause(): void {
    const button = part(this.#root, 'pause')
    const label = this.#paused
      ? i18n.texts.controls.resumeTransport
      : i18n.texts.controls.pauseTransport
    button.textContent = this.#paused ? '▶' : '❚❚'
    button.title = label
    button.setAttribute('aria-label', label)
    button.setAttribute('aria-pressed', String(this.#paused))
  }

  #renderContinuity(): void {
    const line = part(this.#root, 'continuity')
    const continuity = this.#continuity
    line.hidden = continuity === null
    if (!continuity) return
    const broken = continuity.missing > 0 || continuity.repeated > 0
    line.dataset.ok = String(!broken)
    line.dataset.missing = String(continuity.missing)
    line.dataset.repeated = String(continuity.repeated)
    const texts = i18n.texts.panel
    line.textContent = broken
      ? fill(texts.continuityBroken, { missing: continuity.missing, repeated: continuity.repeated })
      : `✓ ${texts.continuityOk}`
  }

  #renderState(): void {
    const badge = part(this.#root, 'state')
    badge.dataset.state = this.#state
    part(this.#root, 'state-text').textContent = i18n.texts.states[this.#state]
  }

  #renderLatency(): void {
    const summary = this.#summary
    const locale = i18n.locale
    const none = i18n.texts.measures.none
    for (const key of ['p50', 'p95', 'p99'] as const) {
      part(this.#root, key).textContent = summary ? formatMs(summary[key], locale) : none
    }
    const m = i18n.texts.measures
    part(this.#root, 'latency-extra').textContent = summary
      ? `${m.min} ${formatMs(summary.min, locale)} · ${m.mean} ${formatMs(summary.mean, locale)} · ${m.max} ${formatMs(summary.max, locale)} · ${formatNumber(summary.count, locale)} ${m.samples}`
      : ''
  }

  #renderWire(): void {
    const figures = this.#figures
    const locale = i18n.locale
    const m = i18n.texts.measures
    const show: Record<(typeof FIGURES)[number], string> = {
      bytesPerMessage:
        figures?.bytesPerMessage == null ? m.none : formatBytes(figures.bytesPerMessage, locale),
      overhead:
        figures?.overheadRatio == null
          ? m.none
          : fill(m.times, { value: formatNumber(figures.overheadRatio, locale, 1) }),
      bytesUp: figures ? formatBytes(figures.bytesUp, locale) : m.none,
      bytesDown: figures ? formatBytes(figures.bytesDown, locale) : m.none,
      requests: figures ? formatNumber(figures.requests, locale) : m.none,
      emptyResponses: figures ? formatNumber(figures.emptyResponses, locale) : m.none,
      connections: figures ? formatNumber(figures.connections, locale) : m.none,
      reconnects: figures ? formatNumber(figures.reconnects, locale) : m.none,
    }
    const exact: Partial<Record<(typeof FIGURES)[number], number>> = figures
      ? { bytesUp: figures.bytesUp, bytesDown: figures.bytesDown }
      : {}
    for (const node of this.#root.querySelectorAll<HTMLElement>('[data-figure]')) {
      const key = node.dataset.figure as (typeof FIGURES)[number]
      node.textContent = show[key]
      // The exact count, for a tooltip and for anyone checking the page against /api/stats.
      const value = exact[key]
      if (value === undefined) delete node.dataset.value
      else {
        node.dataset.value = String(value)
        node.title = `${formatNumber(value, locale)} B`
      }
    }
    const overhead = this.#root.querySelector<HTMLElement>('[data-figure="overhead"]')
    if (overhead) overhead.title = m.overheadHint
  }
}
