import { percentilesOf } from '../../src/class/percentiles.ts'
import type { TransportSummary } from '../../src/class/protocol.ts'
import type { LatencyHistogram } from '../load/stats.ts'
import type { HostSample } from '../load/types.ts'
import type { Collection, LiveEvent } from './instructor.ts'
import type { PageTransport } from './student.ts'

/** p50/p95/max of some figures (ms or bytes), by the class's own nearest-rank rule. */
export interface Spread {
  n: number
  p50: number | null
  p95: number | null
  max: number | null
}

export interface TransportFigures {
  transport: PageTransport
  clients: number
  deliveredPerSecond: number
  expectedPerSecond: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  lost: number
  late: number
  duplicated: number
  errors: number
  /** The server's summary of the experiment's results for this transport. */
  experiment?: TransportSummary
}

export interface DashboardFigures {
  events: number
  gapMs: Spread
  bytes: Spread
}

export interface ClassRun {
  students: number
  joined: number
  pagesOpen: number
  /** The first error of joining or opening a page, and of each kind of page request. */
  errors: Record<string, string>
  /** Transport clients and page channels open at the steady window's end. */
  clientsHeld: number
  serverConnections: number
  windowSeconds: number
  tickerRate: number
  produced: number
  transports: TransportFigures[]
  reports: Spread & { failed: number }
  channelEventsPerSecond: number
  dashboard: { steady: DashboardFigures; experiment: DashboardFigures; broken: boolean }
  infoMs: Spread & { failed: number }
  experiment: Omit<Collection, 'summary' | 'getMs'> & {
    id: string
    durationS: number
    getMs: Spread
    resultPosts: Spread & { failed: number }
    /** From the POST that started it until each page's channel told it, ms. */
    heardMs: Spread
    /** Pages told only after it ended (they post no result). */
    heardTooLate: number
    meterFailures: number
  }
  /** Event loop delay p99/max, ms: the server's over the steady window and the experiment, and
   * this process's (the clients') over the steady window. */
  loopDelayMs: {
    server: HostSample['loopDelayMs']
    serverExperiment: HostSample['loopDelayMs']
    generator: HostSample['loopDelayMs']
  }
  server: {
    pid: number
    cpuPercentSteady: number
    cpuPercentExperiment: number
    rssBytes: number
    heapUsedBytes: number
  }
  generatorCpuPercent: number
}

export function spread(values: number[]): Spread {
  const { p50, p95 } = percentilesOf(values)
  return { n: values.length, p50, p95, max: values.length === 0 ? null : Math.max(...values) }
}

export const histogramSpread = (histogram: LatencyHistogram): Spread => {
  const at = (p: number) => (histogram.total === 0 ? null : histogram.percentile(p))
  return { n: histogram.total, p50: at(50), p95: at(95), max: at(100) }
}

export const cpuPercent = (from: HostSample, to: HostSample, ms: number) =>
  ((to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) / 1000 / ms) * 100

export function dashboardIn(events: LiveEvent[], from: number, to: number): DashboardFigures {
  const inside = events.filter((event) => event.arrivedAt >= from && event.arrivedAt <= to)
  const gaps = inside.slice(1).map((event, i) => event.arrivedAt - (inside[i]?.arrivedAt ?? 0))
  return {
    events: inside.length,
    gapMs: spread(gaps),
    bytes: spread(inside.map((event) => event.bytes)),
  }
}
