import { randomBytes } from 'node:crypto'
import { percentilesOf } from '../../src/class/percentiles.ts'
import {
  CLASS_ROOM,
  type ClassState,
  DEFAULT_CLASS_SETTINGS,
  type Experiment,
  MAX_RESULT_SAMPLES,
  type PageReport,
  REPORT_INTERVAL_MS,
  type TransportResult,
} from '../../src/class/protocol.ts'
import type { StatsSnapshot } from '../../src/protocol.ts'
import { type Delivery, type LoadClient, OPEN_CLIENT } from '../load/clients/index.ts'
import { LatencyHistogram } from '../load/stats.ts'
import { type EventStream, openEventStream, type StreamEvent } from './event-stream.ts'
import { expectStatus, timedFetch } from './http.ts'
import { PageSubscriber } from './page-subscriber.ts'

/** The four transports a class page runs (Socket.IO only on request: not here). */
export const PAGE_TRANSPORTS = ['poll', 'longpoll', 'sse', 'ws'] as const
export type PageTransport = (typeof PAGE_TRANSPORTS)[number]

const STUDENT_COOKIE = 'wirelab_student'

/** What every page's requests to the class endpoints took, and what failed. */
export class PageTimings {
  readonly reports = new LatencyHistogram()
  readonly results = new LatencyHistogram()
  readonly failures = { report: 0, result: 0, meter: 0 }
  /** The first failure of each kind, in words (with fetch's cause: "fetch failed" says little). */
  readonly firstErrors: Partial<Record<keyof PageTimings['failures'], string>> = {}
  channelEvents = 0
  /** When (Date.now()) each page heard of the experiment on its channel. */
  readonly experimentHeardAt: number[] = []

  failed(what: keyof PageTimings['failures'], error: unknown): void {
    this.failures[what]++
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const why = cause ? ` (${cause.code ?? cause.message})` : ''
    this.firstErrors[what] ??= `${(error as Error).message ?? error}${why}`
  }
}

/**
 * One student's page, as the class page runs it: joined with the code (its cookie on every
 * request), the four transports following room "class" under one client id, the page's channel
 * (`/api/lab/stats`, where the class's state and its experiments arrive), a report every 2 s, and
 * at an experiment's end its result.
 */
export class StudentPage {
  /** 12 characters, as the page draws its id. */
  readonly client = randomBytes(9).toString('base64url')
  readonly subscribers: Record<PageTransport, PageSubscriber>
  readonly #clients: LoadClient[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #headers: Record<string, string>
  #channel: EventStream | undefined
  #experimentId: string | undefined
  #reportTimer: NodeJS.Timeout | undefined
  #reportsOn = false
  #reporting = false
  #closed = false

  private constructor(
    readonly url: string,
    readonly name: string,
    cookie: string,
    deliveries: Record<PageTransport, Delivery>,
    readonly timings: PageTimings,
  ) {
    this.#headers = { cookie }
    const subscriberOf = (transport: PageTransport) => {
      const delivery = deliveries[transport]
      const subscriber = new PageSubscriber(delivery)
      delivery.subscribers.push(subscriber)
      return subscriber
    }
    this.subscribers = {
      poll: subscriberOf('poll'),
      longpoll: subscriberOf('longpoll'),
      sse: subscriberOf('sse'),
      ws: subscriberOf('ws'),
    }
  }

  /** `POST /api/class/join {code, name}`: the student's session cookie. */
  static async join(
    url: string,
    code: string,
    name: string,
    deliveries: Record<PageTransport, Delivery>,
    timings: PageTimings,
  ): Promise<StudentPage> {
    const what = `POST /api/class/join as "${name}"`
    const answer = expectStatus(
      what,
      await timedFetch(`${url}/api/class/join`, { json: { code, name } }),
      201,
    )
    const cookie = answer.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.startsWith(`${STUDENT_COOKIE}=`))
    if (!cookie) throw new Error(`${what}: no ${STUDENT_COOKIE} cookie in the answer`)
    return new StudentPage(url, name, cookie, deliveries, timings)
  }

  /** Opens the channel and the four transports; resolves once every one follows the room. */
  async open(): Promise<void> {
    this.#channel = openEventStream(
      `${this.url}/api/lab/stats?client=${this.client}&room=${CLASS_ROOM}`,
      this.#headers,
      (event) => this.#onChannel(event),
    )
    for (const transport of PAGE_TRANSPORTS) {
      this.#clients.push(
        OPEN_CLIENT[transport]({
          target: 'wirelab',
          url: this.url,
          room: CLASS_ROOM,
          pollIntervalMs: DEFAULT_CLASS_SETTINGS.pollIntervalMs,
          subscriber: this.subscribers[transport],
          headers: this.#headers,
          client: this.client,
        }),
      )
    }
    await Promise.all([this.#channel.ready, ...this.#clients.map((client) => client.ready)])
  }

  /** Reports every 2 s from a random moment on: pages open at different times. */
  startReports(): void {
    this.#reportsOn = true
    this.#at(performance.now() + Math.random() * REPORT_INTERVAL_MS, () => {
      if (!this.#reportsOn) return
      void this.#report()
      this.#reportTimer = setInterval(() => void this.#report(), REPORT_INTERVAL_MS)
    })
  }

  stopReports(): void {
    this.#reportsOn = false
    clearInterval(this.#reportTimer)
  }

  close(): void {
    this.#closed = true
    this.stopReports()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#channel?.close()
    for (const client of this.#clients) client.close()
  }

  /** True when the channel broke while the page was open. */
  get channelBroken(): boolean {
    return this.#channel?.broken ?? false
  }

  async #report(): Promise<void> {
    // A server slower than the interval gets one report at a time, as from the page.
    if (this.#reporting || !this.#reportsOn) return
    this.#reporting = true
    try {
      const answer = await timedFetch(`${this.url}/api/class/report`, {
        headers: this.#headers,
        json: this.#pageReport(),
      })
      expectStatus('POST /api/class/report', answer, 204)
      this.timings.reports.add(answer.ms)
    } catch (error) {
      this.timings.failed('report', error)
    } finally {
      this.#reporting = false
    }
  }

  #pageReport(): PageReport {
    const transports: PageReport['transports'] = {}
    for (const transport of PAGE_TRANSPORTS) {
      const subscriber = this.subscribers[transport]
      transports[transport] = {
        state: this.#state(transport),
        lastSeq: subscriber.last,
        received: subscriber.received,
        samples: subscriber.takeFresh(),
        // The bench's clients never reconnect: a break shows as an error and lost messages.
        reconnects: 0,
        missing: subscriber.missing,
        repeated: subscriber.duplicates,
      }
    }
    return { client: this.client, transports }
  }

  /** A stream that broke stays closed; a poller that failed a request asks again. */
  #state(transport: PageTransport): 'open' | 'closed' {
    const streams = transport === 'sse' || transport === 'ws'
    return streams && this.subscribers[transport].errors > 0 ? 'closed' : 'open'
  }

  #onChannel(event: StreamEvent): void {
    this.timings.channelEvents++
    if (event.name !== 'class') return
    const { experiment } = JSON.parse(event.data) as ClassState
    if (!experiment || experiment.id === this.#experimentId) return
    this.#experimentId = experiment.id
    const heardAt = Date.now()
    this.timings.experimentHeardAt.push(heardAt)
    // Heard of only after its end: nothing to measure, no result, as on the page.
    if (experiment.endsAt < heardAt) return
    const toPerformance = (serverMs: number) => performance.now() + (serverMs - Date.now())
    this.#at(toPerformance(experiment.startsAt), () => this.#begin())
    this.#at(toPerformance(experiment.endsAt), () => void this.#end(experiment))
  }

  /** As the page's Reset: its figures and its own meter from zero. */
  #begin(): void {
    for (const transport of PAGE_TRANSPORTS) this.subscribers[transport].beginWindow()
    // A JSON body, as the page's: the server takes no form-like POST (CSRF).
    timedFetch(`${this.url}/api/stats/reset?client=${this.client}`, {
      headers: this.#headers,
      json: {},
    })
      .then((answer) => expectStatus('POST /api/stats/reset', answer, 200, 204))
      .catch((error) => this.timings.failed('meter', error))
  }

  /** The figures of the experiment, as the page's result card shows and posts them. */
  async #end(experiment: Experiment): Promise<void> {
    const windows = PAGE_TRANSPORTS.map((t) => [t, this.subscribers[t].endWindow()] as const)
    const wire = await this.#ownMeter()
    const transports: Partial<Record<PageTransport, TransportResult>> = {}
    for (const [transport, window] of windows) {
      if (!window) continue
      const counters = wire?.transports[transport]
      transports[transport] = {
        received: window.received,
        ...percentilesOf(window.samples),
        samples: window.samples.slice(0, MAX_RESULT_SAMPLES),
        bytesPerMessage:
          counters && counters.messages > 0
            ? (counters.bytesIn + counters.bytesOut) / counters.messages
            : null,
        reconnects: 0,
        missing: window.missing,
        repeated: window.repeated,
      }
    }
    try {
      const answer = await timedFetch(
        `${this.url}/api/class/experiments/${experiment.id}/results`,
        { headers: this.#headers, json: { client: this.client, transports } },
      )
      expectStatus(`POST /api/class/experiments/${experiment.id}/results`, answer, 204)
      this.timings.results.add(answer.ms)
    } catch (error) {
      this.timings.failed('result', error)
    }
  }

  /** `GET /api/stats?client=`: this page's bytes since its reset; undefined if it failed. */
  async #ownMeter(): Promise<StatsSnapshot | undefined> {
    try {
      const answer = await timedFetch(`${this.url}/api/stats?client=${this.client}`, {
        headers: this.#headers,
      })
      return JSON.parse(expectStatus('GET /api/stats', answer, 200).body) as StatsSnapshot
    } catch (error) {
      this.timings.failed('meter', error)
      return undefined
    }
  }

  /** Runs `run` at `performance.now()` time `at`, unless the page closes first. */
  #at(at: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer)
        if (!this.#closed) run()
      },
      Math.max(0, at - performance.now()),
    )
    this.#timers.add(timer)
  }
}
