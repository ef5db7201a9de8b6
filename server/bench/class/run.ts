import { randomBytes } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { CLASS_ROOM } from '../../src/class/protocol.ts'
import { sleep } from '../load/clients/client.ts'
import { Delivery } from '../load/clients/index.ts'
import type { Pinning } from '../load/pinning.ts'
import { TargetProcess } from '../load/target-process.ts'
import {
  type ClassRun,
  cpuPercent,
  dashboardIn,
  histogramSpread,
  spread,
  type TransportFigures,
} from './figures.ts'
import { Instructor } from './instructor.ts'
import type { ClassBenchOptions } from './options.ts'
import { PAGE_TRANSPORTS, PageTimings, type PageTransport, StudentPage } from './student.ts'

/** The code the students type: fixed, so that every run is the same class. */
export const CLASS_CODE = 'BENCHCLASS'
const COUNTDOWN_S = 3
/** After the ticker starts, before the steady window: every client has had its first messages. */
const WARMUP_MS = 3_000
const INFO_EVERY_MS = 5_000
const JOIN_BATCH = 25
const OPEN_BATCH = 50
/** How long, at most, the last messages may take to arrive once the ticker stops. */
const DRAIN_MS = 5_000

/** Starts wirelab in class mode in its own process; the bench's clients stay in this one. */
export async function startClassServer(
  pinning: Pinning,
  nodeFlags: string[],
): Promise<{ host: TargetProcess; operatorToken: string }> {
  const operatorToken = randomBytes(16).toString('base64url')
  const host = await TargetProcess.start('wirelab', true, pinning, nodeFlags, {
    code: CLASS_CODE,
    operatorToken,
  })
  return { host, operatorToken }
}

/** Joins the students in small batches (as a class arrives); those that could not, counted. */
async function joinAll(
  url: string,
  count: number,
  deliveries: Record<PageTransport, Delivery>,
  timings: PageTimings,
) {
  const pages: StudentPage[] = []
  const errors: string[] = []
  for (let first = 1; first <= count; first += JOIN_BATCH) {
    const names = Array.from(
      { length: Math.min(JOIN_BATCH, count - first + 1) },
      (_, i) => `Student ${String(first + i).padStart(4, '0')}`,
    )
    const joined = await Promise.allSettled(
      names.map((name) => StudentPage.join(url, CLASS_CODE, name, deliveries, timings)),
    )
    for (const outcome of joined) {
      if (outcome.status === 'fulfilled') pages.push(outcome.value)
      else errors.push(String(outcome.reason?.message ?? outcome.reason))
    }
  }
  return { pages, errors }
}

async function openAll(pages: StudentPage[]) {
  const open: StudentPage[] = []
  const errors: string[] = []
  for (let first = 0; first < pages.length; first += OPEN_BATCH) {
    const batch = pages.slice(first, first + OPEN_BATCH)
    const opened = await Promise.allSettled(batch.map((page) => page.open()))
    opened.forEach((outcome, i) => {
      const page = batch[i] as StudentPage
      if (outcome.status === 'fulfilled') open.push(page)
      else {
        page.close()
        errors.push(String(outcome.reason?.message ?? outcome.reason))
      }
    })
  }
  return { open, errors }
}

/**
 * The class: students join and open their pages, the instructor starts the ticker and follows the
 * dashboard; a steady window is measured, then one experiment and its results; the ticker stops
 * and the last messages drain. The host is the caller's to stop.
 */
export async function runClass(
  options: ClassBenchOptions,
  host: TargetProcess,
  operatorToken: string,
  say: (line: string) => void,
): Promise<ClassRun> {
  const deliveries = {
    poll: new Delivery(),
    longpoll: new Delivery(),
    sse: new Delivery(),
    ws: new Delivery(),
  } satisfies Record<PageTransport, Delivery>
  const timings = new PageTimings()
  const instructor = new Instructor(host.url, operatorToken)
  const joined = await joinAll(host.url, options.students, deliveries, timings)
  say(`${joined.pages.length}/${options.students} students joined; opening their pages`)
  const { open: pages, errors } = await openAll(joined.pages)
  const setUpError = [...joined.errors, ...errors][0]
  if (pages.length === 0) throw new Error(`no student page could open: ${setUpError}`)
  try {
    await instructor.openDashboard()
    await instructor.setTicker(options.tickerRate)
    for (const page of pages) page.startReports()
    say(`${pages.length} pages open, ticker ${options.tickerRate} msg/s; warming up`)
    await sleep(WARMUP_MS)

    say(`measuring ${options.durationS} s of steady state`)
    let infoFailed = 0
    const from = await host.sample()
    const generatorFrom = process.cpuUsage()
    const generatorLoop = monitorEventLoopDelay({ resolution: 10 })
    generatorLoop.enable()
    const channelEventsFrom = timings.channelEvents
    const steadyFrom = performance.now()
    for (const delivery of Object.values(deliveries)) delivery.recording = true
    // Timed beside the window, not in its way: a slow answer must not stretch it.
    const infos: Promise<void>[] = []
    const askInfo = () => infos.push(instructor.timeInfo().catch(() => void infoFailed++))
    askInfo()
    const infoTimer = setInterval(askInfo, INFO_EVERY_MS)
    await sleep(options.durationS * 1000)
    clearInterval(infoTimer)
    for (const delivery of Object.values(deliveries)) delivery.recording = false
    const steadyTo = performance.now()
    const to = await host.sample()
    const generator = process.cpuUsage(generatorFrom)
    generatorLoop.disable()
    const channelEvents = timings.channelEvents - channelEventsFrom
    const windowMs = steadyTo - steadyFrom
    await Promise.all(infos)
    const clientsHeld = pages.reduce(
      (sum, page) =>
        sum +
        (page.channelBroken ? 0 : 1) +
        PAGE_TRANSPORTS.filter((t) => page.subscribers[t].errors === 0).length,
      0,
    )

    say(`experiment "race": ${COUNTDOWN_S} s countdown, ${options.experimentS} s`)
    const experimentFrom = performance.now()
    const beforeExperiment = await host.sample()
    const announcedAt = Date.now()
    const experiment = await instructor.startExperiment(options.experimentS, COUNTDOWN_S)
    const collection = await instructor.collectResults(experiment, pages.length)
    const experimentTo = performance.now()
    const afterExperiment = await host.sample()

    for (const page of pages) page.stopReports()
    // The ticker must stop for the last messages to be counted: a slow answer is asked again.
    await instructor
      .setTicker(0)
      .catch(() => instructor.setTicker(0))
      .catch(() => instructor.setTicker(0))
    const produced = await host.produced(CLASS_ROOM)
    const drainUntil = Date.now() + DRAIN_MS
    const caughtUp = () =>
      pages.every((page) => PAGE_TRANSPORTS.every((t) => page.subscribers[t].last >= produced))
    while (!caughtUp() && Date.now() < drainUntil) await sleep(50)
    const last = await host.sample()

    const transports = PAGE_TRANSPORTS.map((transport): TransportFigures => {
      const subscribers = pages.map((page) => page.subscribers[transport])
      const { histogram, deliveredInWindow } = deliveries[transport]
      const summary = collection.summary[transport]
      return {
        transport,
        clients: subscribers.length,
        deliveredPerSecond: deliveredInWindow / (windowMs / 1000),
        expectedPerSecond: options.tickerRate * subscribers.length,
        p50Ms: histogram.percentile(50),
        p95Ms: histogram.percentile(95),
        p99Ms: histogram.percentile(99),
        maxMs: histogram.percentile(100),
        lost: subscribers.reduce((sum, s) => sum + s.missing, 0),
        late: subscribers.reduce((sum, s) => sum + Math.max(0, produced - s.last), 0),
        duplicated: subscribers.reduce((sum, s) => sum + s.duplicates, 0),
        errors: subscribers.reduce((sum, s) => sum + s.errors, 0),
        ...(summary && { experiment: summary }),
      }
    })
    const { summary: _, getMs, ...collected } = collection
    return {
      students: options.students,
      joined: joined.pages.length,
      pagesOpen: pages.length,
      errors: { ...(setUpError && { 'set-up': setUpError }), ...timings.firstErrors },
      clientsHeld,
      serverConnections: to.openConnections,
      windowSeconds: windowMs / 1000,
      tickerRate: options.tickerRate,
      produced,
      transports,
      reports: { ...histogramSpread(timings.reports), failed: timings.failures.report },
      channelEventsPerSecond: channelEvents / (windowMs / 1000),
      dashboard: {
        steady: dashboardIn(instructor.liveEvents, steadyFrom, steadyTo),
        experiment: dashboardIn(instructor.liveEvents, experimentFrom, experimentTo),
        broken: instructor.dashboardBroken,
      },
      infoMs: { ...spread(instructor.infoMs), failed: infoFailed },
      experiment: {
        id: experiment.id,
        durationS: options.experimentS,
        ...collected,
        getMs: spread(getMs),
        resultPosts: { ...histogramSpread(timings.results), failed: timings.failures.result },
        meterFailures: timings.failures.meter,
        heardMs: spread(timings.experimentHeardAt.map((at) => at - announcedAt)),
        heardTooLate: timings.experimentHeardAt.filter((at) => at > experiment.endsAt).length,
      },
      loopDelayMs: {
        server: to.loopDelayMs,
        serverExperiment: afterExperiment.loopDelayMs,
        generator: { p99: generatorLoop.percentile(99) / 1e6, max: generatorLoop.max / 1e6 },
      },
      server: {
        pid: host.pid,
        cpuPercentSteady: cpuPercent(from, to, windowMs),
        cpuPercentExperiment: cpuPercent(
          beforeExperiment,
          afterExperiment,
          experimentTo - experimentFrom,
        ),
        rssBytes: last.rssBytes,
        heapUsedBytes: last.heapUsedBytes,
      },
      generatorCpuPercent: ((generator.user + generator.system) / 1000 / windowMs) * 100,
    }
  } finally {
    instructor.close()
    for (const page of pages) page.close()
  }
}
