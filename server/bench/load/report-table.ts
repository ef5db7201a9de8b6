import type { Goal } from './goals.ts'
import type { StepResult } from './step.ts'

const num = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const mib = (bytes: number) => num(bytes / 2 ** 20, 1)
const kib = (bytes: number | undefined) => (bytes === undefined ? '—' : num(bytes / 1024, 1))

/** Columns padded to their widest cell; numbers right-aligned. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** A load step's cells (all modes but idle), under STEP_HEADERS: the terminal's and the page's. */
export const STEP_HEADERS = [
  'mode',
  'server / clients',
  'N',
  'conn',
  'msg/s got/expected',
  'p50 ms',
  'p95',
  'p99',
  'CPU µs/msg',
  'B out/msg',
  'lost',
  'late',
  'dup',
  'err',
  'RSS MiB',
  'gen CPU %',
]

export const stepCells = (r: StepResult): string[] => [
  r.mode,
  r.label,
  String(r.clients),
  r.connected === r.clients ? String(r.connected) : `${r.connected}!`,
  `${num(r.deliveredPerSecond)}/${num(r.expectedPerSecond)}`,
  num(r.p50Ms),
  num(r.p95Ms),
  num(r.p99Ms),
  num(r.cpuPerMessageUs, 1),
  num(r.bytesOutPerMessage, 1),
  String(r.lost),
  String(r.late),
  String(r.duplicated),
  String(r.errors),
  mib(r.rssBytes),
  num(r.generatorCpuPercent),
]

/** Idle mode: memory per connection. */
export const IDLE_HEADERS = [
  'mode',
  'server / clients',
  'N',
  'conn',
  'RSS KiB/conn',
  'heap KiB/conn',
  'RSS MiB',
]

export const idleCells = (r: StepResult): string[] => [
  'idle',
  r.label,
  String(r.clients),
  String(r.connected),
  kib(r.idleRssPerConnection),
  kib(r.idleHeapPerConnection),
  mib(r.rssBytes),
]

export const stepsTable = (results: StepResult[]): string =>
  formatTable(STEP_HEADERS, results.filter((r) => r.mode !== 'idle').map(stepCells))

export const idleTable = (results: StepResult[]): string =>
  formatTable(IDLE_HEADERS, results.filter((r) => r.mode === 'idle').map(idleCells))

export const GOAL_HEADERS = ['target', 'measured', 'wanted', 'met?']

export function goalsTable(rows: Goal[]): string {
  return formatTable(
    GOAL_HEADERS,
    rows.map((g) => [g.what, g.measured, g.target, g.met === null ? '—' : g.met ? 'yes' : 'NO']),
  )
}
