import { download } from './download.ts'
import type { Composer, SendRequest } from './elements/composer.ts'
import type { FrameInspector } from './elements/frame-inspector.ts'
import type { SummaryRow, SummaryTable } from './elements/summary-table.ts'
import type { TransportPanel } from './elements/transport-panel.ts'
import { i18n } from './i18n/current.ts'
import { fill } from './i18n/index.ts'
import type { LabEvent, LabSource } from './lab-source.ts'
import { TRANSPORTS, type Transport } from './lib/exchange.ts'
import { labExportJson, latencySamplesCsv, totalsCsv } from './lib/export.ts'
import { formatMs } from './lib/format.ts'
import { buildHar } from './lib/har.ts'
import { LabMeasurements } from './lib/lab-measurements.ts'

/** How often measurements are redrawn: the data arrives faster than anyone can read it. */
const RENDER_INTERVAL_MS = 500

/** Connects a LabSource to the page's elements and keeps the measurements. */
export class LabApp {
  #source: LabSource
  #measurements = new LabMeasurements()
  #renderScheduled = false
  #panels = new Map<Transport, TransportPanel>()
  #summary: SummaryTable | null
  #inspector: FrameInspector | null
  #composer: Composer | null
  #clock: HTMLElement | null

  constructor(source: LabSource, root: ParentNode = document) {
    this.#source = source
    for (const panel of root.querySelectorAll('wl-transport-panel')) {
      const transport = panel.transport
      this.#panels.set(transport, panel)
      panel.exchangeLoader = () => source.exchanges(transport)
    }
    this.#summary = root.querySelector('wl-summary-table')
    this.#inspector = root.querySelector('wl-frame-inspector')
    const httpInspector = root.querySelector('wl-http-inspector')
    if (httpInspector) httpInspector.load = (transport) => source.exchanges(transport)
    this.#composer = root.querySelector('wl-composer')
    this.#clock = root.querySelector<HTMLElement>('[data-clock-value]')
    root.addEventListener(
      'wl-send',
      (event) => void this.#send((event as CustomEvent<SendRequest>).detail),
    )
    root.addEventListener('wl-pause', (event) => {
      const { transport, paused } = (
        event as CustomEvent<{ transport: Transport; paused: boolean }>
      ).detail
      source.setPaused(transport, paused)
    })
    root.addEventListener('wl-drop', (event) => {
      source.drop((event as CustomEvent<{ transport: Transport }>).detail.transport)
    })
    i18n.subscribe(() => {
      this.#renderClock()
      this.#scheduleRender()
    })
  }

  start(): void {
    this.#source.subscribe((event) => this.#handle(event))
    this.#source.start()
    this.#renderClock()
    this.#render()
  }

  #handle(event: LabEvent): void {
    switch (event.type) {
      case 'state':
        if (event.state === 'reconnecting') this.#measurements.recordReconnect(event.transport)
        this.#panels.get(event.transport)?.setState(event.state)
        break
      case 'message': {
        const { transport, message, arrivedAt } = event
        const latencyMs = this.#measurements.recordDelivery(transport, message, arrivedAt)
        this.#panels.get(transport)?.addMessage(message, latencyMs)
        this.#scheduleRender()
        break
      }
      case 'continuity':
        this.#panels.get(event.transport)?.setContinuity(event.missing, event.repeated)
        break
      case 'history':
        for (const panel of this.#panels.values()) {
          for (const message of event.messages) panel.addMessage(message, null, true)
        }
        break
      case 'wire':
        this.#measurements.wireStats = event.stats
        this.#scheduleRender()
        break
      case 'offset':
        this.#measurements.offset = event.estimate
        this.#renderClock()
        break
      case 'frame':
        this.#inspector?.addFrames(event.direction, event.bytes, event.at)
        break
    }
  }

  async #send(request: SendRequest): Promise<void> {
    const composer = this.#composer
    composer?.setStatus('sending', i18n.texts.composer.sending)
    try {
      const { seq } = await this.#source.send(request.transport, request.user, request.text)
      composer?.setStatus('sent', fill(i18n.texts.composer.sent, { seq }))
    } catch (error) {
      composer?.setStatus(
        'error',
        fill(i18n.texts.composer.failed, { reason: (error as Error).message }),
      )
    }
  }

  async export(kind: 'samples-csv' | 'totals-csv' | 'json' | 'har'): Promise<void> {
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19)
    const name = `wirelab-${this.#source.client}-${stamp}`
    const samples = new Map(TRANSPORTS.map((t) => [t, this.#measurements.samples(t)]))
    switch (kind) {
      case 'samples-csv':
        return download(`${name}-latency.csv`, 'text/csv', latencySamplesCsv(samples))
      case 'totals-csv':
        return download(`${name}-totals.csv`, 'text/csv', totalsCsv(this.#measurements.totals()))
      case 'json':
        return download(
          `${name}.json`,
          'application/json',
          labExportJson({
            exportedAt: new Date().toISOString(),
            client: this.#source.client,
            clockOffset: this.#measurements.offset,
            totals: this.#measurements.totals(),
            samples: Object.fromEntries(samples),
          }),
        )
      case 'har': {
        const logs = await Promise.all(TRANSPORTS.map((t) => this.#source.exchanges(t)))
        const har = buildHar(logs, { origin: location.origin })
        return download(`${name}.har`, 'application/json', `${JSON.stringify(har, null, 2)}\n`)
      }
    }
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
    for (const { transport, latency, wire } of this.#measurements.totals()) {
      const panel = this.#panels.get(transport)
      panel?.updateLatency(latency, this.#measurements.samples(transport))
      panel?.updateWire(wire)
      rows.push({
        transport,
        messages: this.#measurements.deliveredMessages(transport),
        bytesPerMessage: wire?.bytesPerMessage ?? null,
        p50: latency?.p50 ?? null,
        p95: latency?.p95 ?? null,
        requestsPerMessage: wire?.requestsPerMessage ?? null,
        overheadRatio: wire?.overheadRatio ?? null,
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
          offset: `${offset.offsetMs >= 0 ? '+' : ''}${formatMs(offset.offsetMs, locale)}`,
          uncertainty: formatMs(offset.uncertaintyMs, locale),
        })
      : i18n.texts.clock.unknown
  }
}
