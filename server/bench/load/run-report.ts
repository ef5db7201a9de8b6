import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import type { Goal } from './goals.ts'
import type { Options } from './options.ts'
import type { Pinning } from './pinning.ts'
import type { StepResult } from './step.ts'

/** The facts a reader needs to trust (or discount) the numbers. */
export interface Machine {
  cpuModel: string
  cpuCount: number
  loadAverageStart: number[]
  loadAverageEnd: number[]
  node: string
  platform: string
  pinning: Pinning
  fileLimit: number
}

/** Everything a run measured: results.json holds it whole. */
export interface RunReport {
  startedAt: string
  seconds: number
  machine: Machine
  options: Options
  steps: StepResult[]
  goals?: Goal[]
  skipped: string[]
  /** The server processes it started (all stopped when it ends). */
  serverPids: number[]
}

/** The soft limit on open files (`ulimit -n`); where there is no shell, the bench's own ceiling. */
export function openFileLimit(ceiling: number): number {
  if (process.platform === 'win32') return ceiling
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' })
  const limit = out.stdout.trim()
  return limit === 'unlimited' ? ceiling : Number(limit) || ceiling
}

export function machineAtStart(pinning: Pinning, fileLimit: number): Machine {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    pinning,
    fileLimit,
  }
}

const CSV_FIELDS = [
  'mode',
  'target',
  'transport',
  'meter',
  'clients',
  'connected',
  'failedToConnect',
  'rate',
  'size',
  'windowSeconds',
  'expectedPerSecond',
  'deliveredPerSecond',
  'delivered',
  'produced',
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'maxMs',
  'serverCpuMs',
  'cpuPerMessageUs',
  'bytesOutPerMessage',
  'bytesInPerMessage',
  'lost',
  'late',
  'duplicated',
  'errors',
  'rssBytes',
  'heapUsedBytes',
  'idleRssPerConnection',
  'idleHeapPerConnection',
  'generatorCpuPercent',
  'connectError',
] as const satisfies readonly (keyof StepResult)[]

const csvCell = (value: unknown) => {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return ''
  const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One row per step, the scalar fields only (the histograms are in results.json). */
export function toCsv(steps: StepResult[]): string {
  const rows = steps.map((step) => CSV_FIELDS.map((field) => csvCell(step[field])).join(','))
  return `${[CSV_FIELDS.join(','), ...rows].join('\n')}\n`
}
