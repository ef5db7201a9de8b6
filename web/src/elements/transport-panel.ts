import type { KillResult, ShapedTransport } from '../../../server/src/protocol.ts'
import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill, fillCount } from '../i18n/index.ts'
import type { ConnectionState, LabEvent } from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import type { Delivery } from '../lib/delivery.ts'
import { CORE_TRANSPORTS, type ExchangeLog, type Transport } from '../lib/exchange.ts'
import { formatBytes, formatFigure, formatMs, formatNumber } from '../lib/format.ts'
import type { LatencySample, LatencySummary } from '../lib/latency-stats.ts'
import { describeConditions } from '../lib/network-text.ts'
import type { WireFigures } from '../lib/wire-stats.ts'
import { deliveryLabel } from './delivery-label.ts'
import { el, part, prependBounded, renderScheduler } from './dom.ts'
import type { LatencyCharts } from './latency-charts.ts'
import { latencyHelp } from './latency-help.ts'
import type { SequenceDiagramView } from './sequence-diagram-view.ts'
import { BASE_CSS, sheet } from './styles.ts'
import { PANEL_CSS } from './transport-panel.styles.ts'

const ALL_TRANSPORTS: readonly Transport[] = [...CORE_TRANSPORTS, 'socketio']

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
    <h2><span class="swatch" aria-hidden="true"></span><span data-part="name"></span></h2>
    <div class="actions">
      <span class="badge" data-part="state"><span class="pulse" aria-hidden="true"></span><span data-part="state-text"></span></span>
      <span class="badge instance" data-part="instance" hidden></span>
      <button class="icon" data-part="pause" aria-pressed="false">❚❚</button>
      <button class="icon" data-part="drop" data-i18n-attr="title:drop.button aria-label:drop.button">⟲</button>
      <button class="icon" data-part="network" aria-expanded="false" data-i18n-attr="title:network.button aria-label:network.button">⇄</button>
    </div>
  </header>
  <p class="how" data-part="how"></p>
  <div class="notes">
    <p class="drop-report" data-part="drop-report" role="status" hidden></p>
    <p class="network-note" data-part="network-note" role="status" hidden></p>
    <slot name="network"></slot>
  </div>
  <section class="latency">
    <h3><span data-i18n="latency.oneWayTitle"></span>
      <button class="help" popovertarget="help" data-i18n-attr="title:latency.helpButton aria-label:latency.helpButton">?</button></h3>
    <div popover id="help" class="popover" data-part="help"></div>
    <div class="big3">
      <div><span class="label">p50</span><span class="value num" data-part="p50">—</span></div>
      <div><span class="label">p95</span><span class="value num" data-part="p95">—</span></div>
      <div><span class="label">p99</span><span class="value num" data-part="p99">—</span></div>
    </div>
    <p class="extra muted num" data-part="latency-extra"></p>
    <p class="extra num" data-part="round-trip"></p>
    <wl-latency-charts data-part="charts"></wl-latency-charts>
  </section>
  <section class="wire">
    <h3 data-i18n="panel.wire"></h3>
    <p class="wire-note" data-part="wire-note" role="status" hidden></p>
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

interface ListedMessage {
  message: ChatMessage
  delivery: Delivery | null
  fromHistory: boolean
}

/** What a panel shows of its latency. */
export interface PanelLatency {
  oneWay: LatencySummary | null
  /** One-way samples ever taken (the summary covers only the last ones kept). */
  oneWayTaken: number
  roundTrip: LatencySummary | null
  caughtUp: number
  oneWaySamples: readonly LatencySample[]
  roundTripSamples: readonly LatencySample[]
}

type NextConnection = Omit<Extract<LabEvent, { type: 'next-connection' }>, 'type' | 'transport'>

type DropReport =
  | { stage: 'dropped'; result: KillResult; count: number }
  | ({ stage: 'next'; result: KillResult; count: number } & NextConnection)

/** `<wl-transport-panel transport="sse">`: one transport's live view; the host carries `data-transport`. */
export class TransportPanel extends HTMLElement {
  static observedAttributes = ['transport']
  #root = this.attachShadow({ mode: 'open' })
  #unsubscribe: (() => void) | undefined
  #state: ConnectionState = 'connecting'
  #instance = ''
  /** Every instance that served this transport, and the one whose meter the figures come from. */
  readonly #servedBy = new Set<string>()
  #meterInstance: string | undefined
  #latency: PanelLatency | null = null
  #figures: WireFigures | null = null
  #continuity: { missing: number; repeated: number; resets: number } | null = null
  #drop: DropReport | null = null
  #drops = 0
  #paused = false
  #shaped: ShapedTransport | null = null
  #networkLocked = false
  #received = 0
  /** What the list shows, newest last: kept so a language switch can redraw it. */
  #listed: ListedMessage[] = []
  #incoming: ListedMessage[] = []

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(PANEL_CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'drop').addEventListener('click', () => this.#announce('wl-drop', {}))
    part(this.#root, 'network').addEventListener('click', () => {
      const button = part(this.#root, 'network')
      const open = button.getAttribute('aria-expanded') !== 'true'
      button.setAttribute('aria-expanded', String(open))
      this.#announce('wl-network-toggle', { open })
    })
    part(this.#root, 'pause').addEventListener('click', () => {
      this.#paused = !this.#paused
      this.#renderPause()
      this.#announce('wl-pause', { paused: this.#paused })
    })
    part<HTMLDetailsElement>(this.#root, 'diagram-details').addEventListener('toggle', (event) => {
      this.#diagram.active = (event.currentTarget as HTMLDetailsElement).open
    })
  }

  get transport(): Transport {
    const value = this.getAttribute('transport')
    const known = ALL_TRANSPORTS.find((transport) => transport === value)
    if (known) return known
    throw new Error(
      `wl-transport-panel transport must be one of ${ALL_TRANSPORTS.join(', ')}, got "${value}"`,
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

  /** Several instances behind a proxy: which one served the last answer (`data-instance`). */
  setInstance(instance: string): void {
    this.#instance = instance
    this.dataset.instance = instance
    this.#servedBy.add(instance)
    this.#renderInstance()
  }

  /**
   * The instance the page's channel reached: the figures On the wire are its meter's. Another
   * instance's requests (round robin) are counted there, not here.
   */
  setMeterInstance(instance: string | undefined): void {
    if (instance === this.#meterInstance) return
    this.#meterInstance = instance
    this.#renderInstance()
  }

  /** `delivery` is null for history (sent before this page was open). */
  addMessage(message: ChatMessage, delivery: Delivery | null, fromHistory = false): void {
    // Every live message counts, also those the bounded list has already let go.
    if (!fromHistory) this.#received++
    this.#incoming.push({ message, delivery, fromHistory })
    // Only the newest MAX_MESSAGES can ever be seen: older ones queued in the same frame are skipped.
    if (this.#incoming.length > MAX_MESSAGES)
      this.#incoming.splice(0, this.#incoming.length - MAX_MESSAGES)
    this.#flushSoon()
  }

  #flushSoon = renderScheduler(() => {
    const batch = this.#incoming.splice(0)
    // A highlight per message is pleasant at a few a second and only repaints at hundreds.
    part(this.#root, 'messages').classList.toggle('busy', batch.length > 2)
    for (const listed of batch) this.#renderMessage(listed)
    this.#listed.push(...batch)
    if (this.#listed.length > MAX_MESSAGES)
      this.#listed.splice(0, this.#listed.length - MAX_MESSAGES)
    this.dataset.received = String(this.#received)
  }, 100)

  #renderMessage({ message, delivery, fromHistory }: ListedMessage): void {
    const item = el('li', fromHistory ? 'history' : message.kind)
    item.dataset.seq = String(message.seq)
    const head = el('div', 'head')
    head.append(el('span', 'user', message.user), el('span', 'seq muted num', `#${message.seq}`))
    if (delivery) {
      const label = deliveryLabel(delivery)
      const latency = el('span', `lat num ${label.kind}`, label.text)
      latency.title = label.title
      latency.dataset.kind = label.kind
      head.append(latency)
    }
    item.append(head, el('p', 'text', message.text))
    prependBounded(part(this.#root, 'messages'), item, MAX_MESSAGES)
    part(this.#root, 'empty').hidden = true
  }

  /** Shows whether the seqs that arrived run without holes or repeats (the point of resuming). */
  setContinuity(missing: number, repeated: number, resets = 0): void {
    this.#continuity = { missing, repeated, resets }
    this.#renderContinuity()
  }

  updateLatency(figures: PanelLatency): void {
    this.#latency = figures
    this.#renderLatency()
    // A page that only hears its own messages still gets charts: of their round trips.
    const roundTripOnly = figures.oneWaySamples.length === 0 && figures.roundTripSamples.length > 0
    this.#charts.update(
      roundTripOnly ? figures.roundTripSamples : figures.oneWaySamples,
      roundTripOnly ? 'round-trip' : 'one-way',
    )
  }

  updateWire(figures: WireFigures | null): void {
    this.#figures = figures
    this.#renderWire()
  }

  /** The server closed this transport's connections (the panel's ⟲ button). */
  showDrop(result: KillResult): void {
    this.#drops++
    this.#drop = { stage: 'dropped', result, count: this.#drops }
    this.#renderDrop()
  }

  /** The first request after the drop, on a new connection. */
  showNextConnection(next: NextConnection): void {
    if (this.#drop === null) return
    const { conn, afterMs, pageSawError, retryInMs } = next
    this.#drop = { ...this.#drop, stage: 'next', conn, afterMs, pageSawError, retryInMs }
    this.#renderDrop()
  }

  get #charts(): LatencyCharts {
    return part<LatencyCharts>(this.#root, 'charts')
  }

  get #diagram(): SequenceDiagramView {
    return part<SequenceDiagramView>(this.#root, 'diagram')
  }

  /** The link this transport goes through now (null: straight to the server). */
  setNetwork(shaped: ShapedTransport | null): void {
    this.#shaped = shaped
    this.#renderNetwork()
  }

  /** A class's student page: the instructor sets the network conditions, the ⇄ button is off. */
  set networkLocked(locked: boolean) {
    this.#networkLocked = locked
    this.#renderNetworkButton()
  }

  get networkLocked(): boolean {
    return this.#networkLocked
  }

  #announce(type: 'wl-drop' | 'wl-pause' | 'wl-network-toggle', detail: object): void {
    this.dispatchEvent(
      new CustomEvent(type, {
        detail: { transport: this.transport, ...detail },
        bubbles: true,
        composed: true,
      }),
    )
  }

  #render(): void {
    const texts = i18n.texts.transports[this.transport]
    translateTree(this.#root, i18n)
    part(this.#root, 'name').textContent = texts.name
    part(this.#root, 'how').textContent = texts.how
    latencyHelp(part(this.#root, 'help'))
    this.#renderState()
    this.#renderInstance()
    this.#renderLatency()
    this.#renderWire()
    this.#renderContinuity()
    this.#renderPause()
    this.#renderDrop()
    this.#renderNetwork()
    this.#renderNetworkButton()
    // Numbers and tooltips in the new language's format, not only the new words.
    const list = part(this.#root, 'messages')
    list.replaceChildren()
    for (const listed of this.#listed) this.#renderMessage(listed)
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

  #renderNetworkButton(): void {
    const button = part<HTMLButtonElement>(this.#root, 'network')
    button.disabled = this.#networkLocked
    const label = this.#networkLocked
      ? `${i18n.texts.network.button}: ${i18n.texts.classMode.setByInstructor}`
      : i18n.texts.network.button
    button.title = label
    button.setAttribute('aria-label', label)
  }

  /** Says that the figures below are measured through the shaped link, and which. */
  #renderNetwork(): void {
    const note = part(this.#root, 'network-note')
    const shaped = this.#shaped
    note.hidden = shaped === null
    this.toggleAttribute('data-shaped', shaped !== null)
    if (!shaped) return
    note.dataset.offline = String(shaped.offline)
    const t = i18n.texts.network
    note.textContent = fill(t.measuredThrough, {
      link: describeConditions(shaped, t, i18n.locale),
      port: shaped.port,
    })
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
    line.dataset.resets = String(continuity.resets)
    const status = broken
      ? fill(texts.continuityBroken, { missing: continuity.missing, repeated: continuity.repeated })
      : `✓ ${texts.continuityOk}`
    // Not a loss: the server said its log started over, and the seqs begin again at 1.
    line.textContent =
      continuity.resets > 0
        ? `${status} · ${fillCount(texts.logRestarted, continuity.resets, i18n.locale)}`
        : status
  }

  #renderInstance(): void {
    const badge = part(this.#root, 'instance')
    badge.hidden = this.#instance === ''
    badge.textContent = fill(i18n.texts.panel.instance, { name: this.#instance })
    badge.title = i18n.texts.panel.instanceHelp
    const counted = this.#meterInstance
    const others = [...this.#servedBy].filter((name) => name !== counted)
    const note = part(this.#root, 'wire-note')
    const partial = counted !== undefined && others.length > 0
    note.hidden = !partial
    this.toggleAttribute('data-wire-partial', partial)
    if (partial) {
      // "also" only when the meter's own instance served this transport too.
      const text = this.#servedBy.has(counted)
        ? i18n.texts.panel.wirePartial
        : i18n.texts.panel.wireElsewhere
      note.textContent = fill(text, { counted, others: others.join(', ') })
    }
  }

  #renderState(): void {
    const badge = part(this.#root, 'state')
    badge.dataset.state = this.#state
    part(this.#root, 'state-text').textContent = i18n.texts.states[this.#state]
  }

  #renderDrop(): void {
    const line = part(this.#root, 'drop-report')
    const drop = this.#drop
    line.hidden = drop === null
    if (!drop) return
    const t = i18n.texts.drop
    const locale = i18n.locale
    const conns = drop.result.connections
    const closed =
      conns.length === 0
        ? t.nothingOpen
        : conns.map((c) => fillCount(t.closed, c.requests, locale, { conn: c.conn })).join(' ')
    const parts = [fill(t.count, { count: drop.count }), closed]
    if (drop.stage === 'next') {
      const busy = conns.some((c) => c.busy)
      const retry = drop.retryInMs
      parts.push(
        fill(t.next, { conn: drop.conn, after: formatMs(drop.afterMs, locale) }),
        !busy
          ? t.idle
          : !drop.pageSawError
            ? t.browserRetried
            : retry === undefined
              ? t.pageReconnected
              : fill(t.pageWaited, { wait: formatMs(retry, locale) }),
      )
    } else if (conns.length > 0) parts.push(t.waiting)
    line.textContent = parts.join(' ')
    line.dataset.stage = drop.stage
    line.dataset.killed = String(conns.length)
    if (drop.stage === 'next') line.dataset.next = String(drop.conn)
    else delete line.dataset.next
    if (drop.stage === 'next' && drop.retryInMs !== undefined) {
      line.dataset.afterMs = String(drop.afterMs)
      line.dataset.retryInMs = String(drop.retryInMs)
    } else {
      delete line.dataset.afterMs
      delete line.dataset.retryInMs
    }
  }

  #renderLatency(): void {
    const latency = this.#latency
    const summary = latency?.oneWay ?? null
    const caughtUp = latency?.caughtUp ?? 0
    const locale = i18n.locale
    const t = i18n.texts.latency
    const none = i18n.texts.measures.none
    for (const key of ['p50', 'p95', 'p99'] as const) {
      part(this.#root, key).textContent = summary ? formatFigure(summary[key], locale) : none
    }
    const m = i18n.texts.measures
    const facts: string[] = []
    if (summary) {
      facts.push(
        `${m.min} ${formatFigure(summary.min, locale)} · ${m.max} ${formatFigure(summary.max, locale)}`,
        (latency?.oneWayTaken ?? 0) > summary.count
          ? fill(t.lastSamples, {
              count: formatNumber(summary.count, locale),
              total: formatNumber(latency?.oneWayTaken ?? 0, locale),
            })
          : fillCount(t.samples, summary.count, locale),
      )
      if (summary.atMostCount > 0) facts.push(fillCount(t.atMostCount, summary.atMostCount, locale))
    }
    if (caughtUp > 0) facts.push(fill(t.caughtUpCount, { count: formatNumber(caughtUp, locale) }))
    const extra = part(this.#root, 'latency-extra')
    extra.textContent = facts.join(' · ')
    extra.dataset.caughtUp = String(caughtUp)
    const roundTrip = latency?.roundTrip ?? null
    part(this.#root, 'round-trip').textContent = roundTrip
      ? fill(t.roundTripLine, {
          p50: formatMs(roundTrip.p50.ms, locale),
          p95: formatMs(roundTrip.p95.ms, locale),
          count: formatNumber(roundTrip.count, locale),
        })
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
      ? {
          bytesUp: figures.bytesUp,
          bytesDown: figures.bytesDown,
          requests: figures.requests,
          emptyResponses: figures.emptyResponses,
          connections: figures.connections,
          ...(figures.bytesPerMessage !== null && { bytesPerMessage: figures.bytesPerMessage }),
        }
      : {}
    for (const node of this.#root.querySelectorAll<HTMLElement>('[data-figure]')) {
      const key = node.dataset.figure as (typeof FIGURES)[number]
      node.textContent = show[key]
      // The exact count, for a tooltip and for anyone checking the page against /api/stats.
      const value = exact[key]
      if (value === undefined) {
        delete node.dataset.value
        node.removeAttribute('title')
      } else {
        node.dataset.value = String(value)
        node.title = key.startsWith('bytes')
          ? `${formatNumber(value, locale, key === 'bytesPerMessage' ? 1 : 0)} B`
          : formatNumber(value, locale)
      }
    }
    const overhead = this.#root.querySelector<HTMLElement>('[data-figure="overhead"]')
    if (overhead) overhead.title = m.overheadHint
  }
}
