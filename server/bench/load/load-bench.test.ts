import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import type { RunReport } from './run-report.ts'
import { COLUMNS, columnLabel } from './types.ts'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'wirelab-load-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Runs the bench as `npm run bench:load` would, in a process group of its own. */
function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  // A bench stuck past the test's time goes with everything it started.
  const cut = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 35_000)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(cut)
      resolve({ code, stdout, stderr })
    }),
  )
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

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
  expect(report.serverPids.filter(alive)).toEqual([])
  const delivered = report.steps.reduce((sum, step) => sum + step.delivered, 0)
  console.log(
    `bench:load: ${report.steps.length} columns × 3 clients, ${delivered} messages measured, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}, 40_000)
