import type { RoomNetwork, RoomSettings } from '../../server/src/protocol.ts'
import { download } from './download.ts'
import type { Composer } from './elements/composer.ts'
import type { ConversationView } from './elements/conversation-view.ts'
import type { FrameInspector } from './elements/frame-inspector.ts'
import type { LabControlsElement } from './elements/lab-controls.ts'
import type { NetworkChangeDetail, NetworkControls } from './elements/network-controls.ts'
import type { SummaryRow, SummaryTable } from './elements/summary-table.ts'
import type { TransportPanel } from './elements/transport-panel.ts'
import { buildLabExport } from './export-builder.ts'
import { i18n } from './i18n/current.ts'
import { fill } from './i18n/index.ts'
import type { LabEvent, LabSource, ServerInfo } from './lab-source.ts'
import { type FigureReading, readFigure } from './labs/figures.ts'
import type { LabDoc } from './labs/lab-doc.ts'
import type { LabNotes } from './labs/lab-notes.ts'
import { labReport } from './labs/lab-report.ts'
import { TRANSPORTS, type Transport } from './lib/exchange.ts'
import { labExportJson, latencySamplesCsv, type SampleRow, totalsCsv } from './lib/export.ts'
import { formatMs } from './lib/format.ts'
import { buildHar } from './lib/har.ts'
import { LabMeasurements } from './lib/lab-measurements.ts'
import type { SendRequest } from './lib/send-error.ts'
import { arrivalClock } from './transports/client.ts'

/** How often measurements are redrawn: the data arrives faster than anyone can read it. */
const RENDER_INTERVAL_MS = 500

export interface PageChrome {
  /** A sentence about the server above the page, or none. */
  setBanner(text: (() => string) | null): void
}

type ExportKind = 'samples-csv' | 'totals-csv' | 'json' | 'har'

/** Connects a LabSource to the page's elements and keeps the measurements. */
export class LabApp {
  #source: LabSource
  #chrome: PageChrome
  #measurements = new LabMeasurements()
  #renderScheduled = false
  #panels = new Map<Transport, TransportPanel>()
  #summary: SummaryTable | null
  #inspector: FrameInspector | null
  #conversation: ConversationView | null
  #controls: LabControlsElement | null
  #clock: HTMLElement | null
  #roomNote: HTMLElement | null
  #room: RoomSettings | null = null
  #network: RoomNetwork | null = null
  /** Each panel's network controls, made the first time it is opened. */
  #networkControls = new Map<Transport, NetworkControls>()
  #server: ServerInfo | null = null
  #resetListeners = new Set<() => void>()

  constructor(source: LabSource, chrome: PageChrome, root: ParentNode = document) {
    this.#source = source
    this.#chrome = chrome
    for (const panel of root.querySelectorAll('wl-transport-panel')) {
      const transport = panel.transport
      this.#panels.set(transport, panel)
      panel.exchangeLoader = () => source.exchanges(transport)
    }
    this.#summary = root.querySelector('wl-summary-table')
    this.#inspector = root.querySelector('wl-frame-inspector')
    this.#conversation = root.querySelector('wl-conversation')
    this.#controls = root.querySelector('wl-lab-controls')
    const httpInspector = root.querySelector('wl-http-inspector')
    if (httpInspector) httpInspector.load = (transport) => source.exchanges(transport)
    const composer = root.querySelector<Composer>('wl-composer')
    if (composer) composer.sender = (request) => this.#send(request)
    this.#clock = root.querySelector<HTMLElement>('[data-clock-value]')
    this.#roomNote = root.querySelector<HTMLElement>('[data-room-note]')
    this.#wireRoomBar(root)
    root.addEventListener('wl-pause', (event) => {
      const { transport, paused } = (
        event as CustomEvent<{ transport: Transport; paused: boolean }>
      ).detail
      source.setPaused(transport, paused)
      this.#conversation?.setPaused(transport, paused)
    })
    root.addEventListener('wl-drop', (event) => {
      void source.drop((event as CustomEvent<{ transport: Transport }>).detail.transport)
    })
    root.addEventListener('wl-network-toggle', (event) => {
      const { transport, open } = (event as CustomEvent<{ transport: Transport; open: boolean }>)
        .detail
      void this.#toggleNetworkControls(transport, open)
    })
    root.addEventListener('wl-network', (event) => {
      const { transport, change } = (event as CustomEvent<NetworkChangeDetail>).detail
      const panel = TRANSPORTS.find((t) => t === transport)
      if (!panel) return
      source.setNetwork(panel, change).catch((error: Error) => {
        this.#networkControls.get(panel)?.showError(error.message)
      })
    })
    i18n.subscribe(() => {
      this.#renderClock()
      this.#renderRoom()
      this.#scheduleRender()
    })
  }

  start(): void {
    this.#source.subscribe((event) => this.#handle(event))
    this.#source.start()
    this.#renderClock()
    this.#render()
  }

  /** Latency samples, counters and this page's meter, all from zero. */
  async reset(): Promise<void> {
    this.#measurements.reset()
    for (const listener of this.#resetListeners) listener()
    await this.#source.resetMeter()
    this.#render()
  }

  /** Called on every reset (the button, a class's clear or experiment), right after the figures' own. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener)
    return () => this.#resetListeners.delete(listener)
  }

  /** What the panels show, read-only: a class page reports and freezes these very figures. */
  get measurements(): Readonly<LabMeasurements> {
    return this.#measurements
  }

  #handle(event: LabEvent): void {
    switch (event.type) {
      case 'state':
        if (event.state === 'reconnecting') this.#measurements.recordReconnect(event.transport)
        this.#panels.get(event.transport)?.setState(event.state)
        break
      case 'instance':
        this.#panels.get(event.transport)?.setInstance(event.instance)
        break
      case 'message': {
        const { transport, message, epoch, arrivedAt, liveSince } = event
        const delivery = this.#measurements.recordDelivery(transport, message, {
          arrivedAt,
          liveSince,
        })
        this.#panels.get(transport)?.addMessage(message, delivery)
        this.#conversation?.addArrival(transport, epoch, message, delivery, arrivedAt)
        this.#scheduleRender()
        break
      }
      case 'continuity':
        this.#panels
          .get(event.transport)
          ?.setContinuity(event.missing, event.repeated, event.resets)
        break
      case 'history':
        for (const panel of this.#panels.values()) {
          for (const message of event.messages) panel.addMessage(message, null, true)
        }
        this.#conversation?.addHistory(event.epoch, event.messages)
        break
      case 'wire':
        this.#measurements.wireStats = event.stats
        this.#scheduleRender()
        break
      case 'offset':
        // Until the first burst is over, the page measures no one-way latency: a wide ± would
        // stay in those samples as "≤ 60 ms" for good.
        if (!event.settled) break
        this.#measurements.offset = event.estimate
        this.#renderClock()
        break
      case 'server':
        if (event.info) this.#server = event.info
        for (const panel of this.#panels.values()) panel.setMeterInstance(event.info?.instance)
        this.#chrome.setBanner(event.reachable ? null : () => i18n.texts.page.lost)
        break
      case 'room':
        this.#room = event.settings
        this.#showRoomTicker(event.settings)
        break
      case 'network':
        this.#network = event.network
        for (const transport of TRANSPORTS) {
          const shaped = event.network.shaped[transport] ?? null
          this.#panels.get(transport)?.setNetwork(shaped)
          const controls = this.#networkControls.get(transport)
          if (controls) controls.conditions = shaped
        }
        break
      case 'frame':
        this.#inspector?.addFrames(event.direction, event.bytes, event.at, event.transport)
        break
      case 'drop':
        this.#panels.get(event.transport)?.showDrop(event.result)
        break
      case 'next-connection':
        this.#panels.get(event.transport)?.showNextConnection(event)
        break
    }
  }

  /** The controls load with their first opening: most pages never shape their network. */
  async #toggleNetworkControls(transport: Transport, open: boolean): Promise<void> {
    const panel = this.#panels.get(transport)
    if (!panel) return
    let controls = this.#networkControls.get(transport)
    if (!controls) {
      const { NetworkControls } = await import('./elements/network-controls.ts')
      if (!customElements.get('wl-network-controls')) {
        customElements.define('wl-network-controls', NetworkControls)
      }
      controls = document.createElement('wl-network-controls') as NetworkControls
      controls.setAttribute('transport', transport)
      controls.slot = 'network'
      controls.conditions = this.#network?.shaped[transport] ?? null
      this.#networkControls.set(transport, controls)
      panel.append(controls)
    }
    controls.hidden = !open
  }

  /** Notes the send time first: the message can come back on a transport before the ack does. */
  #send(request: SendRequest): Promise<{ seq: number }> {
    this.#measurements.noteSent(request.clientMsgId, arrivalClock())
    this.#conversation?.noteOwn(request.clientMsgId)
    return this.#source.send(request)
  }

  /** The room's ticker as any page of the room set it: the controls show it, without re-sending it. */
  #showRoomTicker(settings: RoomSettings): void {
    const controls = this.#controls
    if (!controls) return
    const { rate, size, paused } = settings.ticker
    controls.controls = { ...controls.controls, tickerRate: rate, tickerSize: size, paused }
    this.#renderRoom()
  }

  async export(kind: ExportKind): Promise<void> {
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19)
    const name = `wirelab-${this.#source.room}-${this.#source.client}-${stamp}`
    switch (kind) {
      case 'samples-csv':
        return download(`${name}-latency.csv`, 'text/csv', latencySamplesCsv(this.#sampleRows()))
      case 'totals-csv':
        return download(`${name}-totals.csv`, 'text/csv', totalsCsv(this.#measurements.totals()))
      case 'json': {
        const data = buildLabExport({
          source: this.#source,
          measurements: this.#measurements,
          controls: this.#controls?.controls ?? null,
          room: this.#room,
          server: this.#server,
          messages: this.#conversation?.entries() ?? [],
        })
        return download(`${name}.json`, 'application/json', labExportJson(data))
      }
      case 'har': {
        const logs = await Promise.all(TRANSPORTS.map((t) => this.#source.exchanges(t)))
        const har = buildHar(logs, {
          origin: location.origin,
          ...(this.#server && { creatorVersion: this.#server.version }),
        })
        return download(`${name}.har`, 'application/json', `${JSON.stringify(har, null, 2)}\n`)
      }
    }
  }

  /** A live figure named as in a lab's Record table (`sse.bytesPerMessage`). */
  figure(key: string): FigureReading | null {
    return readFigure(key, this.#measurements, i18n.locale)
  }

  /** The student's lab report, as a Markdown file. */
  exportReport(lab: LabDoc, notes: LabNotes): void {
    const controls = this.#controls?.controls
    const ticker = this.#room?.ticker
    const t = i18n.texts.labs
    const report = labReport(
      lab,
      notes,
      {
        exportedAt: new Date().toISOString(),
        room: this.#source.room,
        client: this.#source.client,
        userAgent: navigator.userAgent,
        server: this.#server?.version ?? '?',
        settings: fill(t.settingsLine, {
          poll: controls?.pollIntervalMs ?? '?',
          longpoll: controls?.longPollTimeoutMs ?? '?',
          heartbeat: controls?.wsHeartbeatMs ?? '?',
          rate: ticker?.rate ?? '?',
          size: ticker?.size ?? '?',
        }),
      },
      t.report,
    )
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19)
    download(`wirelab-lab-${lab.id}-${stamp}.md`, 'text/markdown', report)
  }

  #sampleRows(): SampleRow[] {
    return TRANSPORTS.flatMap((transport) => [
      ...this.#measurements.oneWay
        .samples(transport)
        .map((sample): SampleRow => ({ transport, kind: 'one-way', sample })),
      ...this.#measurements.roundTrip
        .samples(transport)
        .map((sample): SampleRow => ({ transport, kind: 'round-trip', sample })),
    ])
  }

  #wireRoomBar(root: ParentNode): void {
    const name = root.querySelector<HTMLElement>('[data-room-name]')
    if (name) name.textContent = this.#source.room
    root.querySelector('[data-reset]')?.addEventListener('click', () => void this.reset())
    root.querySelector('[data-copy-room]')?.addEventListener('click', async () => {
      const link = new URL(location.pathname, location.origin)
      link.searchParams.set('room', this.#source.room)
      const note = this.#roomNote
      if (!note) return
      // The clipboard needs a secure context: on a class LAN (plain http) the link is shown to copy.
      const copied = await navigator.clipboard?.writeText(link.href).then(
        () => true,
        () => false,
      )
      if (copied) {
        note.textContent = `${i18n.texts.room.copied}: ${link.href}`
        return
      }
      const field = document.createElement('input')
      field.readOnly = true
      field.value = link.href
      field.size = link.href.length
      note.replaceChildren(`${i18n.texts.room.copyThis} `, field)
      field.select()
    })
  }

  #renderRoom(): void {
    if (!this.#roomNote || this.#room?.changedBy !== 'idle') return
    this.#roomNote.textContent = i18n.texts.room.tickerByIdle
  }

  #scheduleRender(): void {
    if (this.#renderScheduled) return
    this.#renderScheduled = true
    setTimeout(() => {
      this.#renderScheduled = false
      this.#render()
    }, RENDER_INTERVAL_MS)
  }

  #render(): void {
    const rows: SummaryRow[] = []
    for (const { transport, latency, roundTrip, caughtUp, wire } of this.#measurements.totals()) {
      const panel = this.#panels.get(transport)
      panel?.updateLatency({
        oneWay: latency,
        oneWayTaken: this.#measurements.oneWay.totalCount(transport),
        roundTrip,
        caughtUp,
        oneWaySamples: this.#measurements.oneWay.samples(transport),
        roundTripSamples: this.#measurements.roundTrip.samples(transport),
      })
      panel?.updateWire(wire)
      rows.push({
        transport,
        messages: this.#measurements.deliveredMessages(transport),
        bytesPerMessage: wire?.bytesPerMessage ?? null,
        p50: latency?.p50.ms ?? null,
        p95: latency?.p95.ms ?? null,
        upperBounds: (['p50', 'p95'] as const).filter((name) => latency?.[name].atMost),
        requestsPerMessage: wire?.requestsPerMessage ?? null,
        overheadRatio: wire?.overheadRatio ?? null,
        partialWire: panel?.hasAttribute('data-wire-partial') ?? false,
      })
    }
    this.#summary?.update(rows)
  }

  #renderClock(): void {
    if (!this.#clock) return
    const offset = this.#measurements.offset
    const locale = i18n.locale
    this.#clock.textContent = offset
      ? fill(i18n.texts.clock.value, {
          offset: `${offset.offsetMs >= 0 ? '+' : '−'}${formatMs(Math.abs(offset.offsetMs), locale)}`,
          uncertainty: formatMs(offset.uncertaintyMs, locale),
        })
      : i18n.texts.clock.unknown
    this.#clock.dataset.offset = String(offset?.offsetMs ?? '')
    this.#clock.dataset.uncertainty = String(offset?.uncertaintyMs ?? '')
  }
}
