import { TRANSPORTS, type Transport } from '../protocol.ts'
import type { WireMeter } from '../wire/meter.ts'
import type { Classroom } from './classroom.ts'
import type { ReportedPage } from './live-reports.ts'
import { percentilesOf } from './percentiles.ts'
import type { ClassLive, LiveStudent, LiveTransport } from './protocol.ts'
import { NAME_HELD_MS } from './roster.ts'

/** Messages per second are over the last 5 s of the room's head. */
const RATE_WINDOW_MS = 5_000

/**
 * The dashboard's figures, once a second: who is here and on which transport, the class's
 * latency (every page's samples of the last 30 s ranked together), bytes per message from the
 * server's own meter of the students' pages, and who lags behind the room's head.
 */
export class LiveFigures {
  readonly #heads: { at: number; head: number }[] = []

  constructor(
    readonly classroom: Classroom,
    readonly meter: WireMeter,
    readonly now: () => number = Date.now,
  ) {}

  /** `head`: the class room's last seq now. */
  snapshot(head: number): ClassLive {
    const now = this.now()
    const messagesPerSecond = this.#rate(now, head)
    const pages = this.classroom.reports.pages()
    // Behind: more than 2 s of the room's messages (as many as came lately), and at least 3.
    const behindBy = Math.max(3, Math.ceil(2 * messagesPerSecond))
    const students: LiveStudent[] = []
    const behind: string[] = []
    const pagesOf = new Map<string, ReportedPage[]>()
    for (const page of pages) pagesOf.set(page.name, [...(pagesOf.get(page.name) ?? []), page])
    for (const student of this.classroom.roster.list()) {
      const own = pagesOf.get(student.name) ?? []
      if (own.length === 0 && now - student.lastSeen > NAME_HELD_MS) continue
      const transports: LiveStudent['transports'] = {}
      for (const page of own) {
        for (const [transport, figures] of Object.entries(page.transports) as [
          Transport,
          NonNullable<ReportedPage['transports'][Transport]>,
        ][]) {
          const lag = Math.max(0, page.head - figures.lastSeq)
          const worst = transports[transport]
          const seen = { state: figures.state, lag }
          if (!worst || lagRank(seen) > lagRank(worst)) transports[transport] = seen
        }
      }
      const lags = Object.values(transports).filter((t) => t.state !== 'paused')
      if (lags.some((t) => t.lag >= behindBy)) behind.push(student.name)
      const lastReport = Math.max(0, ...own.map((page) => page.at))
      students.push({
        name: student.name,
        muted: student.muted,
        pages: own.length,
        lastReportMs: lastReport === 0 ? -1 : now - lastReport,
        transports,
      })
    }
    return {
      now,
      head,
      messagesPerSecond,
      students: students.sort((a, b) => a.name.localeCompare(b.name)),
      transports: this.#transports(pages),
      settings: this.classroom.state().settings,
      behind,
      experiment: this.classroom.experiments.current,
      results: this.classroom.experiments.resultCount,
    }
  }

  #transports(pages: ReportedPage[]): ClassLive['transports'] {
    const meters = this.meter.snapshots(pages.map((page) => page.client))
    const figures: ClassLive['transports'] = {}
    for (const transport of TRANSPORTS) {
      const reports = pages.flatMap((page) => page.transports[transport] ?? [])
      if (reports.length === 0) continue
      const samples = this.classroom.reports.samples(transport)
      let bytes = 0
      let messages = 0
      for (const meter of meters) {
        const stats = meter.transports[transport]
        bytes += stats.bytesIn + stats.bytesOut
        messages += stats.messages
      }
      figures[transport] = {
        connected: reports.filter((report) => report.state === 'open').length,
        ...percentilesOf(samples),
        samples: samples.length,
        bytesPerMessage: messages === 0 ? null : bytes / messages,
        reconnects: reports.reduce((sum, report) => sum + report.reconnects, 0),
      } satisfies LiveTransport
    }
    return figures
  }

  /** The room's messages per second over the last few seconds of its head. */
  #rate(now: number, head: number): number {
    this.#heads.push({ at: now, head })
    while (this.#heads.length > 1 && now - (this.#heads[0]?.at ?? now) > RATE_WINDOW_MS) {
      this.#heads.shift()
    }
    const first = this.#heads[0]
    if (!first || now === first.at) return 0
    return ((head - first.head) * 1000) / (now - first.at)
  }
}

/**
 * Which of a student's pages speaks for a transport: the most lagging one that is not paused (a
 * paused tab lags by choice, and must not hide another tab that is open and behind).
 */
function lagRank({ state, lag }: { state: string; lag: number }): number {
  return state === 'paused' ? lag - Number.MAX_SAFE_INTEGER : lag
}
