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

/** The load steps (all modes but idle): one line per column and N. */
export function stepsTable(results: StepResult[]): string {
  const rows = results
    .filter((r) => r.mode !== 'idle')
    .map((r) => [
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
    ])
  return formatTable(
    [
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
    ],
    rows,
  )
}

/** Idle mode: memory per connection. */
export function idleTable(results: StepResult[]): string {
  const rows = results
    .filter((r) => r.mode === 'idle')
    .map((r) => [
      'idle',
      r.label,
      String(r.clients),
      String(r.connected),
      kib(r.idleRssPerConnection),
      kib(r.idleHeapPerConnection),
      mib(r.rssBytes),
    ])
  return formatTable(
    ['mode', 'server / clients', 'N', 'conn', 'RSS KiB/conn', 'heap KiB/conn', 'RSS MiB'],
    rows,
  )
}

export function goalsTable(rows: Goal[]): string {
  return formatTable(
    ['target', 'measured', 'wanted', 'from', 'met?'],
    rows.map((g) => [
      g.what,
      g.measured,
      g.target,
      g.source,
      g.met === null ? '—' : g.met ? 'yes' : 'NO',
    ]),
  )
}
