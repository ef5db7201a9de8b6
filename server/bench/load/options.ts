import { parseArgs } from 'node:util'
import { OptionsError } from '../cli.ts'
import { CLIENT_KINDS, type ClientKind, TARGETS, type TargetName } from './types.ts'

export const MODES = ['fanout', 'capacity', 'idle', 'latency', 'meter', 'all'] as const
export type Mode = (typeof MODES)[number]
export const LANGS = ['en', 'pt-BR'] as const
export type Lang = (typeof LANGS)[number]

/** No step opens more clients than this: each is a file descriptor on both ends. */
export const MAX_CLIENTS = 10_000

export interface Options {
  mode: Mode
  targets: TargetName[]
  transports: ClientKind[]
  clients: number[]
  /** Messages per second; undefined: each mode's own (fanout 50, meter 25, capacity and latency 10). */
  rate?: number
  size: number
  /** Seconds measured per step; undefined: each mode's own (capacity 5, the others 10). */
  duration?: number
  warmup: number
  pollInterval: number
  steps: number[]
  maxClients: number
  p95Limit: number
  idleClients: number
  repeats: number
  timeLimit: number
  out?: string
  lang: Lang
  pin: boolean
}

export const HELP = `npm run bench:load -- [flags]

Loads servers on loopback with many clients per transport and prints what each costs: delivered
msg/s, latency p50/p95/p99, server CPU and bytes per delivered message, lost and duplicated
messages, memory. Each server runs in its own process (on its own CPU when taskset can pin it);
the clients run in this one. Writes results.json, results.csv and report.html.

  --mode M            fanout (default) | capacity | idle | latency | meter | all
                        fanout    N clients per column for each --clients, producer at --rate
                        capacity  grows N through --steps until p95 > --p95-limit, a loss or a
                                  refused client (wirelab ws, sse, longpoll; rate 10)
                        idle      server memory per idle connection: what --idle-clients more
                                  cost once half as many are connected
                        latency   one subscriber, p50/p95 at a low rate (rate 10)
                        meter     wirelab ws and sse with the wire meter on and off, each
                                  pair measured at the same time (rate 25 each)
                        all       the five above, then the issue's target table
  --targets LIST      servers: wirelab,raw-ws,minimal-sse,socketio (default all)
  --transports LIST   clients: poll,longpoll,sse,ws,socketio (default all; socketio clients use
                      socket.io-client's websocket transport only)
  --clients LIST      fanout's client counts per column (default 100,1000)
  --rate R            messages per second the server produces (default: fanout 50; meter 25;
                      capacity, latency 10)
  --size B            text bytes per message (default 100)
  --duration S        seconds measured per step (default: capacity 5, others 10)
  --warmup S          seconds before the measured window (default 2)
  --poll-interval MS  short polling interval (default 1000)
  --steps LIST        capacity's client counts (default 250,500,1000,2000,4000,6000,8000)
  --max-clients N     capacity stops here (default 8000, at most ${MAX_CLIENTS})
  --p95-limit MS      capacity's latency bound (default 100)
  --idle-clients N    idle mode's connections per column (default 2000)
  --repeats N         meter mode: on/off pairs (default 2)
  --time-limit S      the whole run stops after this, keeping what it measured (default 900)
  --out DIR           where the files go (default bench-results/load-<timestamp>/)
  --lang L            report.html in en (default) or pt-BR
  --no-pin            do not pin servers and clients to separate CPUs with taskset
  --help              this text

Loopback only (127.0.0.1). Each client is one open file on each side: above ~4000 clients raise
the limit first (ulimit -n 20000).`

function positive(flag: string, raw: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new OptionsError(`--${flag} must be a number above 0 and at most ${max} (got "${raw}")`)
  return value
}

function list<T extends string>(flag: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((item) => item.trim())
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new OptionsError(`--${flag}: "${item}" is not one of ${allowed.join(', ')}`)
  }
  return items as T[]
}

const counts = (flag: string, raw: string) =>
  raw.split(',').map((item) => Math.round(positive(flag, item, MAX_CLIENTS)))

/** Reads the flags; a bad one is an OptionsError naming it. `undefined`: --help was asked. */
export function parseOptions(argv: string[]): Options | undefined {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}\nRun with --help to see the flags.`)
  }
  if (values.help) return undefined
  const mode = list('mode', values.mode, MODES)[0] as Mode
  return {
    mode,
    targets: list('targets', values.targets, TARGETS),
    transports: list('transports', values.transports, CLIENT_KINDS),
    clients: counts('clients', values.clients),
    ...(values.rate !== undefined && { rate: positive('rate', values.rate, 1000) }),
    size: Math.round(positive('size', values.size, 2000)),
    ...(values.duration !== undefined && { duration: positive('duration', values.duration, 600) }),
    warmup: Number(values.warmup) === 0 ? 0 : positive('warmup', values.warmup, 60),
    pollInterval: positive('poll-interval', values['poll-interval'], 60_000),
    steps: counts('steps', values.steps).sort((a, b) => a - b),
    maxClients: Math.round(positive('max-clients', values['max-clients'], MAX_CLIENTS)),
    p95Limit: positive('p95-limit', values['p95-limit'], 60_000),
    idleClients: Math.round(positive('idle-clients', values['idle-clients'], MAX_CLIENTS)),
    repeats: Math.round(positive('repeats', values.repeats, 10)),
    timeLimit: positive('time-limit', values['time-limit'], 7200),
    ...(values.out !== undefined && { out: values.out }),
    lang: list('lang', values.lang, LANGS)[0] as Lang,
    pin: !values['no-pin'],
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      mode: { type: 'string', default: 'fanout' },
      targets: { type: 'string', default: TARGETS.join(',') },
      transports: { type: 'string', default: CLIENT_KINDS.join(',') },
      clients: { type: 'string', default: '100,1000' },
      rate: { type: 'string' },
      size: { type: 'string', default: '100' },
      duration: { type: 'string' },
      warmup: { type: 'string', default: '2' },
      'poll-interval': { type: 'string', default: '1000' },
      steps: { type: 'string', default: '250,500,1000,2000,4000,6000,8000' },
      'max-clients': { type: 'string', default: '8000' },
      'p95-limit': { type: 'string', default: '100' },
      'idle-clients': { type: 'string', default: '2000' },
      repeats: { type: 'string', default: '2' },
      'time-limit': { type: 'string', default: '900' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      'no-pin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
}
