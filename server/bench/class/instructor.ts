import { RESULTS_GRACE_MS } from '../../src/class/limits.ts'
import type { Experiment, ExperimentResult } from '../../src/class/protocol.ts'
import { sleep } from '../load/clients/client.ts'
import { type EventStream, openEventStream } from './event-stream.ts'
import { expectStatus, timedFetch } from './http.ts'

/** One `event: live` of the dashboard's stream. */
export interface LiveEvent {
  /** `performance.now()` at its arrival. */
  arrivedAt: number
  /** Its data, UTF-8 bytes. */
  bytes: number
}

/** How the class's results came in after an experiment. */
export interface Collection {
  /** Results in at the last look, and whether that was every student's. */
  results: number
  complete: boolean
  /** From the experiment's `endsAt` until a GET held them all (or the last GET, if never). */
  allInAfterMs: number
  /** Each `GET /api/class/experiments/latest` made meanwhile, ms, and its last body's bytes. */
  getMs: number[]
  /** GETs that failed or timed out (30 s). */
  failedGets: number
  lastBodyBytes: number
  summary: ExperimentResult['summary']
}

const RESULTS_POLL_MS = 100

/** The instructor: the operator token on every request, the dashboard's stream open. */
export class Instructor {
  readonly liveEvents: LiveEvent[] = []
  readonly infoMs: number[] = []
  readonly #headers: Record<string, string>
  #dashboard: EventStream | undefined

  constructor(
    readonly url: string,
    operatorToken: string,
  ) {
    this.#headers = { authorization: `Bearer ${operatorToken}` }
  }

  /** `POST /api/class/settings {tickerRate}`: every page of the class follows it. */
  async setTicker(tickerRate: number): Promise<void> {
    const answer = await timedFetch(`${this.url}/api/class/settings`, {
      headers: this.#headers,
      json: { tickerRate },
    })
    expectStatus('POST /api/class/settings', answer, 200)
  }

  /** `GET /api/class/live`: its events are kept with their arrival time and size. */
  async openDashboard(): Promise<void> {
    this.#dashboard = openEventStream(`${this.url}/api/class/live`, this.#headers, (event) => {
      if (event.name !== 'live') return
      this.liveEvents.push({ arrivedAt: event.arrivedAt, bytes: Buffer.byteLength(event.data) })
    })
    await this.#dashboard.ready
  }

  get dashboardBroken(): boolean {
    return this.#dashboard?.broken ?? false
  }

  /** `GET /api/class/info`, timed (it draws the QR code each time). */
  async timeInfo(): Promise<void> {
    const answer = await timedFetch(`${this.url}/api/class/info`, { headers: this.#headers })
    this.infoMs.push(expectStatus('GET /api/class/info', answer, 200).ms)
  }

  async startExperiment(durationS: number, countdownS: number): Promise<Experiment> {
    const answer = await timedFetch(`${this.url}/api/class/experiments`, {
      headers: this.#headers,
      json: { preset: 'race', durationS, countdownS },
    })
    return JSON.parse(expectStatus('POST /api/class/experiments', answer, 201).body) as Experiment
  }

  /**
   * From the experiment's end, asks for its results every 100 ms (as a dashboard waiting for
   * them would) until every student's is in, or until the server stops taking them.
   */
  async collectResults(experiment: Experiment, students: number): Promise<Collection> {
    await sleep(Math.max(0, experiment.endsAt - Date.now()))
    const getMs: number[] = []
    let last: ExperimentResult | undefined
    let lastBodyBytes = 0
    let failedGets = 0
    while (Date.now() <= experiment.endsAt + RESULTS_GRACE_MS) {
      const answer = await timedFetch(`${this.url}/api/class/experiments/latest`, {
        headers: this.#headers,
      }).catch(() => undefined)
      // A server too slow to answer is what is measured here, not a reason to stop.
      if (answer?.status !== 200) {
        failedGets++
        continue
      }
      getMs.push(answer.ms)
      lastBodyBytes = Buffer.byteLength(answer.body)
      last = JSON.parse(answer.body) as ExperimentResult
      if (last.experiment.id !== experiment.id) throw new Error('another experiment started')
      if (last.results.length >= students) break
      await sleep(RESULTS_POLL_MS)
    }
    const results = last?.results.length ?? 0
    return {
      results,
      complete: results >= students,
      allInAfterMs: Date.now() - experiment.endsAt,
      getMs,
      failedGets,
      lastBodyBytes,
      summary: last?.summary ?? {},
    }
  }

  close(): void {
    this.#dashboard?.close()
  }
}
