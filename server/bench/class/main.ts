/**
 * Class bench: wirelab in class mode in its own process, a class of N students (each page's four
 * transports, its channel, its reports) and the instructor's dashboard, measured on this machine.
 * Prints two tables, writes results.json. Asserts nothing.
 *
 *   npm run bench:class [-- --students 200 --duration 30] [-- --help]
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { killTargetsOnExit, optionsOrExit } from '../cli.ts'
import { pinLoadGenerator } from '../load/pinning.ts'
import { REPORT_TEXT } from '../load/report-text.ts'
import { machineAtStart, openFileLimit } from '../load/run-report.ts'
import type { TargetProcess } from '../load/target-process.ts'
import { HELP, parseOptions } from './options.ts'
import { classTable, transportsTable } from './report.ts'
import { runClass, startClassServer } from './run.ts'

/** Each page holds 5 connections on this side, plus its reports' and the spare. */
const FILES_PER_STUDENT = 7

const options = optionsOrExit(parseOptions, HELP)
killTargetsOnExit()

const say = (line: string) => console.error(`bench:class: ${line}`)
const startedAt = new Date()
const pinning = pinLoadGenerator(options.pin)
const fileLimit = openFileLimit(options.students * FILES_PER_STUDENT + 1000)
if (options.students * FILES_PER_STUDENT + 200 > fileLimit) {
  console.error(
    `bench:class: ${options.students} students need more open files than ulimit -n ${fileLimit}: raise it (ulimit -n 20000)`,
  )
  process.exit(2)
}
const machine = machineAtStart(pinning, fileLimit)
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ')
say(
  `${options.students} students; ${machine.cpuCount} CPUs, load ${load(machine.loadAverageStart)}; pinning: ${REPORT_TEXT.en.pinning(pinning)}`,
)

const nodeFlags = options.cpuProf
  ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`]
  : []
let host: TargetProcess
let operatorToken: string
try {
  ;({ host, operatorToken } = await startClassServer(pinning, nodeFlags))
} catch (error) {
  console.error(`bench:class: the wirelab server could not start: ${(error as Error).message}`)
  process.exit(1)
}
say(`wirelab in class mode at ${host.url} (PID ${host.pid})`)

let run: Awaited<ReturnType<typeof runClass>>
try {
  run = await runClass(options, host, operatorToken, say)
} catch (error) {
  console.error(`bench:class: the run failed: ${(error as Error).stack ?? error}`)
  await host.stop()
  process.exit(1)
}
await host.stop()
machine.loadAverageEnd = loadavg()

const out = resolve(
  options.out ?? join('bench-results', `class-${startedAt.toISOString().replace(/[:.]/g, '-')}`),
)
mkdirSync(out, { recursive: true })
const report = {
  startedAt: startedAt.toISOString(),
  seconds: (Date.now() - startedAt.getTime()) / 1000,
  machine,
  options,
  run,
}
writeFileSync(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`)

console.log(
  `${run.pagesOpen} students, ticker ${run.tickerRate} msg/s, ${run.windowSeconds.toFixed(1)} s steady window (${run.produced} messages in all)\n`,
)
console.log(transportsTable(run))
console.log(`\n${classTable(run)}`)
console.log(
  `\nlatency: the message's server ts to its arrival, Date.now() on both ends (same clock), 1 ms resolution; exp. = the server's summary of the students' results.`,
)
console.log(
  `${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}; load average ${load(machine.loadAverageStart)} at start, ${load(machine.loadAverageEnd)} at end; pinning: ${REPORT_TEXT.en.pinning(pinning)}`,
)
console.log(`results: ${out}/results.json (${report.seconds.toFixed(0)} s)`)
process.exit(0)
