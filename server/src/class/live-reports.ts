import { ApiError } from '../http/errors.ts'
import type { Transport } from '../protocol.ts'
import type { PageReport, TransportReport } from './protocol.ts'

/** The class's latency figures are over the pages' samples of the last 30 s. */
export const LIVE_WINDOW_MS = 30_000
/** A page that has not reported for this long has left (closed, asleep). */
export const PAGE_GONE_MS = 10_000
/** A page reports every 2 s: one sooner than this after its last is refused. */
const MIN_REPORT_GAP_MS = 1_000
/** Pages (tabs) one member may have reporting at once. */
export const MAX_PAGES_PER_MEMBER = 5

/** A page's last report, whose student it is, and when it came. */
export interface ReportedPage {
  client: string
  /** The member whose page it is (membership.ts `memberKey`). */
  owner: string
  name: string
  at: number
  /** The room's head when it came: a page's lag is measured against it, not against a later one. */
  head: number
  transports: PageReport['transports']
}

/**
 * What the class's pages report every 2 s: the last report of each page, and the latency samples
 * of the last 30 s per transport (each with its arrival time, to let the old ones go).
 */
export class LiveReports {
  readonly #pages = new Map<string, ReportedPage>()
  readonly #samples = new Map<Transport, { at: number; ms: number }[]>()

  constructor(readonly now: () => number = Date.now) {}

  /**
   * A page's report. Bounded, so that no member can flood the class's figures: one report per
   * page per second, five pages per member.
   */
  add(owner: string, name: string, report: PageReport, head: number): void {
    const at = this.now()
    this.#prune(at)
    const { client, transports } = report
    const last = this.#pages.get(client)
    if (last && at - last.at < MIN_REPORT_GAP_MS) {
      throw new ApiError(429, 'rate_limited', 'a page reports every 2 s: this one came too soon')
    }
    if (!last) {
      let pages = 0
      for (const page of this.#pages.values()) if (page.owner === owner) pages++
      if (pages >= MAX_PAGES_PER_MEMBER) {
        throw new ApiError(
          429,
          'rate_limited',
          `at most ${MAX_PAGES_PER_MEMBER} pages of one member report at once`,
        )
      }
    }
    this.#pages.set(client, { client, owner, name, at, head, transports })
    for (const [transport, figures] of Object.entries(report.transports) as [
      Transport,
      TransportReport,
    ][]) {
      let window = this.#samples.get(transport)
      if (!window) {
        window = []
        this.#samples.set(transport, window)
      }
      for (const ms of figures.samples) window.push({ at, ms })
    }
  }

  /** Pages that reported lately. */
  pages(): ReportedPage[] {
    this.#prune(this.now())
    return [...this.#pages.values()]
  }

  /** The last 30 s of samples of one transport. */
  samples(transport: Transport): number[] {
    this.#prune(this.now())
    return (this.#samples.get(transport) ?? []).map((sample) => sample.ms)
  }

  clear(): void {
    this.#pages.clear()
    this.#samples.clear()
  }

  #prune(now: number): void {
    for (const [client, page] of this.#pages) {
      if (now - page.at > PAGE_GONE_MS) this.#pages.delete(client)
    }
    for (const window of this.#samples.values()) {
      const firstKept = window.findIndex((sample) => now - sample.at <= LIVE_WINDOW_MS)
      window.splice(0, firstKept === -1 ? window.length : firstKept)
    }
  }
}
