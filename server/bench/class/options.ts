import { parseArgs } from 'node:util'
import { OptionsError } from '../cli.ts'

/** What `npm run bench:class` is told. */
export interface ClassBenchOptions {
  students: number
  /** Seconds of steady state measured before the experiment. */
  durationS: number
  /** The experiment's length (`race` preset), seconds. */
  experimentS: number
  /** The class ticker the instructor sets, messages per second. */
  tickerRate: number
  /** Where results.json goes; default bench-results/class-<timestamp>/. */
  out?: string
  /** A V8 CPU profile of the server process is written here. */
  cpuProf?: string
  pin: boolean
}

export const MAX_STUDENTS = 2_000

export const HELP = `npm run bench:class -- [flags]

A full class on this machine: wirelab in class mode in its own process (pinned to the first CPU
when taskset can), N students who join with the code and each run what a class page runs — short
polling every 1 s, long polling, SSE and WebSocket on room "class", the page's channel
(/api/lab/stats), a report to /api/class/report every 2 s — and the instructor, who sets the
ticker, follows the dashboard stream /api/class/live and runs one "race" experiment whose results
every student posts. Prints delivered msg/s, latency, lost and duplicated messages per transport,
report and dashboard timings, how long the results take to be all in, the server's CPU and memory.
Writes results.json.

  --students N        students, each one page (default 200, at most ${MAX_STUDENTS})
  --duration S        seconds of steady state measured (default 30)
  --experiment-s S    the experiment's duration, at least 5 (default 10; countdown 3 s)
  --ticker-rate R     the class ticker in steady state, msg/s (default 5; the experiment runs
                      its preset's 5)
  --out DIR           where results.json goes (default bench-results/class-<timestamp>/)
  --cpu-prof DIR      write a V8 CPU profile of the server process into DIR
  --no-pin            do not pin the server and the clients to separate CPUs with taskset
  --help              this text

Loopback only (127.0.0.1). Each student holds 5 connections or more on each side: past ~3000
students raise the open file limit first (ulimit -n).`

function number(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max)
    throw new OptionsError(`--${flag} must be a number from ${min} to ${max} (got "${raw}")`)
  return value
}

/** Reads the flags; a bad one is an OptionsError naming it. `undefined`: --help was asked. */
export function parseOptions(argv: string[]): ClassBenchOptions | undefined {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}\nRun with --help to see the flags.`)
  }
  if (values.help) return undefined
  return {
    students: Math.round(number('students', values.students, 1, MAX_STUDENTS)),
    durationS: number('duration', values.duration, 1, 3600),
    experimentS: Math.round(number('experiment-s', values['experiment-s'], 5, 600)),
    tickerRate: number('ticker-rate', values['ticker-rate'], 0.1, 50),
    ...(values.out !== undefined && { out: values.out }),
    ...(values['cpu-prof'] !== undefined && { cpuProf: values['cpu-prof'] }),
    pin: !values['no-pin'],
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      students: { type: 'string', default: '200' },
      duration: { type: 'string', default: '30' },
      'experiment-s': { type: 'string', default: '10' },
      'ticker-rate': { type: 'string', default: '5' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
}
