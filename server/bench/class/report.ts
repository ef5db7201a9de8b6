import { formatTable } from '../load/report-table.ts'
import type { ClassRun, DashboardFigures, Spread } from './figures.ts'

const num = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits)
const ms = (s: Spread) => `p50 ${num(s.p50)} · p95 ${num(s.p95)} · max ${num(s.max)} ms (n ${s.n})`
const kib = (bytes: number | null) => (bytes === null ? '—' : `${num(bytes / 1024, 1)} KiB`)
const failed = (n: number) => (n === 0 ? '' : `, ${n} FAILED`)

export const TRANSPORT_HEADERS = [
  'transport',
  'clients',
  'msg/s got/expected',
  'p50 ms',
  'p95',
  'p99',
  'max',
  'lost',
  'late',
  'dup',
  'err',
  'exp. p50/p95 (server)',
]

/** One row per transport: the steady window's deliveries, and the experiment's summary. */
export function transportsTable(run: ClassRun): string {
  return formatTable(
    TRANSPORT_HEADERS,
    run.transports.map((t) => [
      t.transport,
      String(t.clients),
      `${num(t.deliveredPerSecond)}/${num(t.expectedPerSecond)}`,
      num(t.p50Ms),
      num(t.p95Ms),
      num(t.p99Ms),
      num(t.maxMs),
      String(t.lost),
      String(t.late),
      String(t.duplicated),
      String(t.errors),
      t.experiment ? `${num(t.experiment.p50)}/${num(t.experiment.p95)}` : '—',
    ]),
  )
}

const dashboard = (d: DashboardFigures) =>
  `${d.events} events, gap ${ms(d.gapMs)}; size p50 ${kib(d.bytes.p50)}, max ${kib(d.bytes.max)}`

/** The class's figures beside the transports': one row each, what and what was measured. */
export function classTable(run: ClassRun): string {
  const e = run.experiment
  const rows: [string, string][] = [
    ['students', `${run.students} asked, ${run.joined} joined, ${run.pagesOpen} pages open`],
    [
      'clients held',
      `${run.clientsHeld} (4 transports + the page channel per page); server TCP connections ${run.serverConnections}`,
    ],
    ['POST /api/class/report', `${ms(run.reports)}${failed(run.reports.failed)}`],
    ['page channels', `${num(run.channelEventsPerSecond)} events/s (/api/lab/stats)`],
    ['dashboard, steady', dashboard(run.dashboard.steady)],
    [
      'dashboard, experiment',
      `${dashboard(run.dashboard.experiment)}${run.dashboard.broken ? ', stream BROKE' : ''}`,
    ],
    ['GET /api/class/info', `${ms(run.infoMs)}${failed(run.infoMs.failed)}`],
    [
      `experiment ${e.id} (race, ${e.durationS} s)`,
      `${e.results}/${run.pagesOpen} results, all in ${e.complete ? `${num(e.allInAfterMs)} ms after its end` : 'NEVER'}`,
    ],
    [
      'experiment heard on the channels',
      `${ms(e.heardMs)} after its POST${e.heardTooLate > 0 ? `; ${e.heardTooLate} pages only after its end` : ''}`,
    ],
    ['POST …/results', `${ms(e.resultPosts)}${failed(e.resultPosts.failed)}`],
    [
      'GET /api/class/experiments/latest',
      `${ms(e.getMs)}${failed(e.failedGets)}; last body ${kib(e.lastBodyBytes)}${failed(e.meterFailures).replace('FAILED', 'meter requests FAILED')}`,
    ],
    [
      'server CPU',
      `${num(run.server.cpuPercentSteady)} % steady, ${num(run.server.cpuPercentExperiment)} % experiment (of one core)`,
    ],
    [
      'server memory',
      `RSS ${num(run.server.rssBytes / 2 ** 20, 1)} MiB, heap ${num(run.server.heapUsedBytes / 2 ** 20, 1)} MiB`,
    ],
    [
      'server event loop delay',
      `p99 ${num(run.loopDelayMs.server.p99)} · max ${num(run.loopDelayMs.server.max)} ms steady; p99 ${num(run.loopDelayMs.serverExperiment.p99)} · max ${num(run.loopDelayMs.serverExperiment.max)} ms experiment`,
    ],
    [
      'load generator',
      `CPU ${num(run.generatorCpuPercent)} % of one core, event loop delay p99 ${num(run.loopDelayMs.generator.p99)} · max ${num(run.loopDelayMs.generator.max)} ms, steady`,
    ],
  ]
  for (const [what, error] of Object.entries(run.errors)) rows.push([`first ${what} error`, error])
  return formatTable(['class', 'measured'], rows)
}
