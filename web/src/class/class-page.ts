import type { LabApp } from '../app.ts'
import type { LabEvent } from '../lab-source.ts'
import { TRANSPORTS, type Transport } from '../lib/exchange.ts'
import type { LiveSource } from '../live/live-source.ts'
import { postResult } from './class-api.ts'
import { ClassBanner } from './class-banner.ts'
import type { ClassSettings, ClassState, Experiment, PageReport } from './class-contract.ts'
import { classBannerNode } from './class-dom.ts'
import type { ClassMember } from './class-me.ts'
import { ClassResult, type ResultView } from './class-result.ts'
import { ExperimentRunner } from './experiment-runner.ts'
import { leaveForJoinPage } from './join-redirect.ts'
import { showMember } from './member-chrome.ts'
import { type TransportCounts, transportReport, transportResult } from './page-figures.ts'
import { PageTracker } from './page-tracker.ts'
import { ReportWindow } from './report-window.ts'
import { startReports } from './reporter.ts'

export interface ClassPageParts {
  member: ClassMember
  source: LiveSource
  app: LabApp
  root: Document
}

/**
 * The lab page as a member of a class: it follows the class's settings, clear and mute, reports
 * its figures every 2 s, and takes part in the class's experiments, from the
 * countdown to the result card. Started before the page's source, so it hears the first events.
 */
export class ClassPage {
  readonly #source: LiveSource
  readonly #app: LabApp
  readonly #root: Document
  readonly #tracker = new PageTracker()
  readonly #window = new ReportWindow()
  readonly #banner: ClassBanner
  readonly #runner: ExperimentRunner
  readonly #result: ClassResult
  #settings: ClassSettings | null = null
  #clearedSeq: number | null = null
  #student = false

  constructor({ member, source, app, root }: ClassPageParts) {
    this.#source = source
    this.#app = app
    this.#root = root
    if (!customElements.get('wl-class-result'))
      customElements.define('wl-class-result', ClassResult)
    this.#result = root.createElement('wl-class-result') as ClassResult
    this.#result.hidden = true
    root.querySelector('main')?.prepend(this.#result)
    this.#banner = new ClassBanner(classBannerNode(root))
    this.#runner = new ExperimentRunner({
      begin: (experiment) => this.#begin(experiment),
      end: (experiment, endedAt) => void this.#end(experiment, endedAt),
      show: (view) => this.#banner.show(view),
    })
    showMember(root, member)
    source.subscribe((event) => this.#handle(event))
    app.onReset(() => {
      this.#tracker.reset()
      this.#window.reset()
    })
    if (member.state) this.#follow(member.state)
    // The class's figures are its students': the instructor's own page (projected, say) shows its
    // result card but reports and posts nothing.
    this.#student = member.role === 'student'
    if (!this.#student) return
    const stopReports = startReports({
      build: () => this.#report(),
      refused: () => {
        stopReports()
        void leaveForJoinPage(root, location.search)
      },
    })
  }

  #handle(event: LabEvent): void {
    this.#tracker.handle(event)
    if (event.type === 'class') this.#follow(event.state)
    // A countdown in seconds needs no settled estimate: even a loading page's ± is far below 1 s.
    if (event.type === 'offset') this.#runner.offsetMs = event.estimate.offsetMs
  }

  /** The class's state, at once and on every change. */
  #follow(state: ClassState): void {
    if (!sameSettings(state.settings, this.#settings)) this.#apply(state.settings)
    const composer = this.#root.querySelector('wl-composer')
    if (composer) composer.muted = state.muted
    this.#root.querySelector('wl-conversation')?.clearUpTo(state.clearedSeq)
    // The first clear the page hears of is the room as it found it: nothing measured to drop.
    if (this.#clearedSeq !== null && state.clearedSeq > this.#clearedSeq) void this.#app.reset()
    this.#clearedSeq = state.clearedSeq
    this.#runner.see(state.experiment)
  }

  /** Through the controls, as a learner's change would go (a student's never posts the ticker). */
  #apply(settings: ClassSettings): void {
    this.#settings = settings
    const controls = this.#root.querySelector('wl-lab-controls')
    if (!controls) return
    const { tickerRate, tickerSize, pollIntervalMs, longPollTimeoutMs, wsHeartbeatMs } = settings
    controls.controls = {
      ...controls.controls,
      tickerRate,
      tickerSize,
      pollIntervalMs,
      longPollTimeoutMs,
      wsHeartbeatMs,
    }
    this.#source.configure(controls.controls)
  }

  #begin(experiment: Experiment): void {
    this.#result.hidden = true
    void this.#app.reset()
    this.#apply(experiment.settings)
  }

  /** Freezes the figures the panels show now into the card, and posts the same numbers. */
  async #end(experiment: Experiment, endedAt: number): Promise<void> {
    const measurements = this.#app.measurements
    const totals = measurements.totals()
    const transports: ResultView['transports'] = {}
    const upperBounds: ResultView['upperBounds'] = {}
    for (const transport of TRANSPORTS) {
      const samples = measurements.oneWay
        .samples(transport)
        .filter((sample) => sample.arrivedAt <= endedAt)
      const wire = totals.find((total) => total.transport === transport)?.wire
      const frozen = transportResult(
        this.#counts(transport),
        samples,
        wire?.bytesPerMessage ?? null,
      )
      transports[transport] = frozen.result
      upperBounds[transport] = frozen.upperBounds
    }
    this.#result.show({ experiment, transports, upperBounds })
    if (!this.#student) return
    this.#result.post = { kind: 'sending' }
    this.#result.post = await postResult(experiment.id, {
      client: this.#source.client,
      transports,
    })
  }

  #report(): PageReport {
    const samples = this.#app.measurements.oneWay
    const transports: PageReport['transports'] = {}
    for (const transport of TRANSPORTS) {
      transports[transport] = transportReport(
        this.#counts(transport),
        this.#window.take(transport, samples),
      )
    }
    return { client: this.#source.client, transports }
  }

  #counts(transport: Transport): TransportCounts {
    const measurements = this.#app.measurements
    return {
      state: this.#tracker.state(transport),
      lastSeq: this.#source.lastSeq(transport),
      received: measurements.received(transport),
      reconnects: measurements.reconnects(transport),
      ...this.#tracker.continuity(transport),
    }
  }
}

function sameSettings(a: ClassSettings, b: ClassSettings | null): boolean {
  if (!b) return false
  return (Object.keys(a) as (keyof ClassSettings)[]).every((key) => a[key] === b[key])
}
