import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { isAlive, runBench } from '../run-bench.ts'
import type { RunReport } from './run-report.ts'
import { COLUMNS, columnLabel } from './types.ts'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'wirelab-load-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** A bench stuck past the test's time goes with everything it started. */
const bench = (args: string[]) => runBench(MAIN, args, 35_000)

it('measures every server and transport for real, loses nothing, writes its three files and leaves no server running', async () => {
  const started = Date.now()
  const { code, stdout, stderr } = await bench([
    '--clients=3',
    '--rate=20',
    '--duration=1',
    '--warmup=0.2',
    '--poll-interval=100',
    `--out=${out}`,
  ])
  expect(code, stderr).toBe(0)

  const report = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunReport
  expect(report.steps.map((step) => step.label)).toEqual(COLUMNS.map(columnLabel))
  for (const step of report.steps) {
    expect(stdout).toContain(step.label)
    expect(step.connected, step.label).toBe(3)
    expect(step.delivered, step.label).toBeGreaterThan(0)
    expect({ label: step.label, lost: step.lost, late: step.late, dup: step.duplicated }).toEqual({
      label: step.label,
      lost: 0,
      late: 0,
      dup: 0,
    })
  }

  const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n')
  expect(csv).toHaveLength(1 + COLUMNS.length)
  const html = readFileSync(join(out, 'report.html'), 'utf8')
  const charts = html.match(/<figure>/g)?.length ?? 0
  // Latency distribution, CPU and bytes per delivered message.
  expect(charts).toBeGreaterThanOrEqual(3)
  expect(html.match(/<svg /g)?.length).toBe(charts)
  expect(html).not.toMatch(/https?:\/\/|\bsrc=|\bhref=|@import|url\(/)

  // One server process per column.
  expect(report.serverPids).toHaveLength(COLUMNS.length)
  expect(report.serverPids.filter(isAlive)).toEqual([])
  const delivered = report.steps.reduce((sum, step) => sum + step.delivered, 0)
  console.log(
    `bench:load: ${report.steps.length} columns × 3 clients, ${delivered} messages measured, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}, 40_000)
