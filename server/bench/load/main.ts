/**
 * Load bench: N clients per transport against wirelab and the comparison servers (raw ws, a
 * minimal SSE server, Socket.IO 4), each server in its own process. Prints a table, writes
 * results.json, results.csv and report.html. Asserts nothing.
 *
 *   npm run bench:load [-- --mode all] [-- --help]
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { killTargetsOnExit, optionsOrExit } from '../cli.ts'
import { goals } from './goals.ts'
import { modesOf, plan, type RunContext, runMode, startServers } from './modes.ts'
import { HELP, MAX_CLIENTS, parseOptions } from './options.ts'
import { pinLoadGenerator } from './pinning.ts'
import { Progress } from './progress.ts'
import { reportHtml } from './report-html.ts'
import { goalsTable, idleTable, stepsTable } from './report-table.ts'
import { REPORT_TEXT } from './report-text.ts'
import { machineAtStart, openFileLimit, type RunReport, toCsv } from './run-report.ts'
import { killAllTargets, TargetPool } from './target-process.ts'

/** Past the time limit the run stops at the next step; this long after, it is cut. */
const HARD_STOP_GRACE_MS = 120_000

const options = optionsOrExit(parseOptions, HELP)
killTargetsOnExit()

const startedAt = new Date()
const pinning = pinLoadGenerator(options.pin)
const fileLimit = openFileLimit(MAX_CLIENTS + 1000)
const machine = machineAtStart(pinning, fileLimit)
const pool = new TargetPool(pinning)
const modes = modesOf(options)
const progress = new Progress(modes.reduce((n, mode) => n + plan(mode, options).length, 0))
const context: RunContext = {
  options,
  pool,
  progress,
  fileLimit,
  deadline: Date.now() + options.timeLimit * 1000,
  results: [],
  skipped: [],
}
const hardStop = setTimeout(
  () => {
    console.error(
      `bench:load: still running ${HARD_STOP_GRACE_MS / 1000} s past --time-limit; stopping`,
    )
    killAllTargets()
    process.exit(1)
  },
  options.timeLimit * 1000 + HARD_STOP_GRACE_MS,
)
hardStop.unref()

console.error(
  `bench:load: ${modes.join(', ')}; ${machine.cpuCount} CPUs, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; pinning: ${REPORT_TEXT.en.pinning(pinning)}`,
)
try {
  // A mode's servers start side by side before its first step and stop after its last.
  for (const mode of modes) {
    await startServers(mode, options, pool)
    await runMode(mode, context)
    await pool.stopAll()
  }
} finally {
  progress.stop()
  await pool.stopAll()
}

machine.loadAverageEnd = loadavg()
const report: RunReport = {
  startedAt: startedAt.toISOString(),
  seconds: (Date.now() - startedAt.getTime()) / 1000,
  machine,
  options,
  steps: context.results,
  ...(options.mode === 'all' && { goals: goals(context.results, options.p95Limit) }),
  skipped: context.skipped,
  serverPids: pool.pids,
}

const out = resolve(
  options.out ?? join('bench-results', `load-${startedAt.toISOString().replace(/[:.]/g, '-')}`),
)
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`)
writeFileSync(join(out, 'results.csv'), toCsv(report.steps))
writeFileSync(join(out, 'report.html'), reportHtml(report, options.lang))

const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ')
console.log(stepsTable(report.steps))
if (report.steps.some((s) => s.mode === 'idle')) console.log(`\n${idleTable(report.steps)}`)
if (report.goals) console.log(`\n${goalsTable(report.goals)}`)
console.log(
  `\nlatency: Date.now() on both ends (same clock), 1 ms resolution; socketio clients: websocket transport only.`,
)
console.log(
  `${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}; load average ${load(machine.loadAverageStart)} at start, ${load(machine.loadAverageEnd)} at end; pinning: ${REPORT_TEXT.en.pinning(pinning)}`,
)
if (report.skipped.length > 0) console.log(`left out by --time-limit: ${report.skipped.join('; ')}`)
console.log(
  `results: ${out}/{results.json,results.csv,report.html} (${report.seconds.toFixed(0)} s)`,
)
process.exit(0)
