import type { Options } from './options.ts'
import type { Progress } from './progress.ts'
import { failedStep, type ModeName, runStep, type StepResult, type StepSpec } from './step.ts'
import type { TargetPool } from './target-process.ts'
import { COLUMNS, type Column } from './types.ts'

/** Each mode's own rate (msg/s) and measured seconds, unless --rate / --duration say otherwise. */
const MODE_DEFAULTS: Record<ModeName, { rate: number; duration: number }> = {
  fanout: { rate: 50, duration: 10 },
  capacity: { rate: 10, duration: 5 },
  idle: { rate: 0, duration: 0 },
  latency: { rate: 10, duration: 10 },
  // On and off run at the same time: together they give the load generator fanout's 50 msg/s.
  meter: { rate: 25, duration: 10 },
}

export interface RunContext {
  options: Options
  pool: TargetPool
  progress: Progress
  fileLimit: number
  /** Date.now() past which no step starts. */
  deadline: number
  results: StepResult[]
  /** Steps left out by the time limit. */
  skipped: string[]
}

interface Planned {
  mode: ModeName
  column: Column
  clients: number
  meter?: boolean
}

const selected = (options: Options, keep: (column: Column) => boolean = () => true) =>
  COLUMNS.filter(
    (column) =>
      options.targets.includes(column.target) &&
      options.transports.includes(column.transport) &&
      keep(column),
  )

/** Capacity grows wirelab's push transports (short polling's latency is its interval). */
const capacityColumns = (options: Options) =>
  selected(options, (c) => c.target === 'wirelab' && c.transport !== 'poll')
const capacitySteps = (options: Options) =>
  options.steps.filter((clients) => clients <= options.maxClients)
/** The meter is wirelab's: its two push transports, meter on and off, measured in pairs. */
const meterColumns = (options: Options) =>
  selected(
    options,
    (c) => c.target === 'wirelab' && (c.transport === 'ws' || c.transport === 'sse'),
  )

/** The fixed plan of a mode (capacity's is its longest: it may stop early). */
export function plan(mode: ModeName, options: Options): Planned[] {
  switch (mode) {
    case 'fanout':
      return options.clients.flatMap((clients) =>
        selected(options).map((column) => ({ mode, column, clients })),
      )
    case 'capacity':
      return capacityColumns(options).flatMap((column) =>
        capacitySteps(options).map((clients) => ({ mode, column, clients })),
      )
    case 'idle':
      return selected(options, (c) => c.transport !== 'poll' && c.transport !== 'longpoll').map(
        (column) => ({ mode, column, clients: options.idleClients }),
      )
    case 'latency':
      return selected(options, (c) => c.transport !== 'poll').map((column) => ({
        mode,
        column,
        clients: 1,
      }))
    case 'meter': {
      const clients = Math.max(...options.clients)
      return Array.from({ length: options.repeats }).flatMap(() =>
        meterColumns(options).flatMap((column) => [
          { mode, column, clients, meter: true },
          { mode, column, clients, meter: false },
        ]),
      )
    }
  }
}

export const modesOf = (options: Options): ModeName[] =>
  options.mode === 'all' ? ['fanout', 'capacity', 'idle', 'latency', 'meter'] : [options.mode]

/** Starts, side by side, every server a mode will use: they then wait idle for their steps. */
export async function startServers(mode: ModeName, options: Options, pool: TargetPool) {
  // Idle mode starts a fresh server for each of its steps.
  if (mode === 'idle') return
  await Promise.all(
    plan(mode, options).map((planned) => pool.get(mode, planned.column, planned.meter ?? true)),
  )
}

function specOf(planned: Planned, context: RunContext): StepSpec {
  const { options } = context
  const defaults = MODE_DEFAULTS[planned.mode]
  return {
    mode: planned.mode,
    column: planned.column,
    clients: planned.clients,
    rate: options.rate ?? defaults.rate,
    size: options.size,
    warmupMs: options.warmup * 1000,
    durationMs: (options.duration ?? defaults.duration) * 1000,
    pollIntervalMs: options.pollInterval,
    meter: planned.meter ?? true,
    fileLimit: context.fileLimit,
  }
}

/** A capacity step passes when every client connected and got every message within the bound. */
export function withinCapacity(result: StepResult, p95LimitMs: number): boolean {
  return (
    result.connected === result.clients &&
    result.lost === 0 &&
    result.late === 0 &&
    result.duplicated === 0 &&
    result.errors === 0 &&
    result.p95Ms <= p95LimitMs &&
    result.deliveredPerSecond >= 0.9 * result.expectedPerSecond
  )
}

async function runPlanned(planned: Planned, context: RunContext): Promise<StepResult | undefined> {
  const spec = specOf(planned, context)
  const label = `${planned.mode} ${planned.column.target} ${planned.column.transport} N=${planned.clients}`
  if (Date.now() + spec.warmupMs + spec.durationMs > context.deadline) {
    context.skipped.push(label)
    context.progress.skip(1)
    return undefined
  }
  context.progress.starting(label)
  const result = await runStep(spec, context.pool).catch((error: Error) =>
    failedStep(spec, `the step failed: ${error.message}`),
  )
  context.results.push(result)
  context.progress.finished(result)
  return result
}

/** Runs a mode's plan; capacity goes to the next column at its first step out of bounds. */
export async function runMode(mode: ModeName, context: RunContext): Promise<void> {
  const steps = plan(mode, context.options)
  if (mode === 'meter') return runPairs(steps, context)
  for (let i = 0; i < steps.length; i++) {
    const planned = steps[i] as Planned
    const result = await runPlanned(planned, context)
    if (mode !== 'capacity' || !result || withinCapacity(result, context.options.p95Limit)) continue
    // Out of bounds: this column's bigger steps are skipped.
    const rest = steps.slice(i + 1).filter((next) => next.column === planned.column).length
    context.progress.skip(rest)
    i += rest
  }
}

/**
 * The meter's on and off steps of a pair run at the same time, on two servers sharing the servers'
 * CPU: what else the machine does then weighs on both alike, so their ratio holds on a busy machine
 * where two steps one after the other differ by ±10 %.
 */
async function runPairs(steps: Planned[], context: RunContext): Promise<void> {
  for (let i = 0; i < steps.length; i += 2) {
    await Promise.all(steps.slice(i, i + 2).map((planned) => runPlanned(planned, context)))
  }
}
