import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { isAlive, runBench } from '../run-bench.ts'
import type { ClassRun } from './figures.ts'
import { PAGE_TRANSPORTS } from './student.ts'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'wirelab-class-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** A bench stuck past the test's time goes with everything it started. */
const bench = (args: string[]) => runBench(MAIN, args, 55_000)

it('runs a small class for real: every transport delivers, nothing is lost, every result comes in, no server is left', async () => {
  const { code, stdout, stderr } = await bench([
    '--students=5',
    '--duration=3',
    '--experiment-s=5',
    `--out=${out}`,
  ])
  expect(code, stderr).toBe(0)

  const { run } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { run: ClassRun }
  expect(run.pagesOpen).toBe(5)
  expect(run.clientsHeld).toBe(5 * (PAGE_TRANSPORTS.length + 1))
  expect(run.transports.map((t) => t.transport)).toEqual([...PAGE_TRANSPORTS])
  for (const t of run.transports) {
    expect(stdout).toMatch(new RegExp(`^${t.transport} +5 `, 'm'))
    expect(t.deliveredPerSecond, t.transport).toBeGreaterThan(0)
    expect(t.experiment?.pages, t.transport).toBe(5)
    expect({ transport: t.transport, lost: t.lost, late: t.late, dup: t.duplicated }).toEqual({
      transport: t.transport,
      lost: 0,
      late: 0,
      dup: 0,
    })
  }
  for (const row of [
    'POST /api/class/report',
    'dashboard, steady',
    'GET /api/class/info',
    'GET /api/class/experiments/latest',
    'server CPU',
    'server memory',
    'server event loop delay',
    'experiment heard on the channels',
  ])
    expect(stdout).toContain(row)
  expect(stdout).toMatch(/load average [\d. ]+ at start, [\d. ]+ at end/)
  expect(run.reports.n).toBeGreaterThan(0)
  expect(run.reports.failed).toBe(0)
  expect(run.dashboard.steady.events + run.dashboard.experiment.events).toBeGreaterThan(0)
  expect(run.experiment).toMatchObject({ results: 5, complete: true, heardTooLate: 0 })
  expect(run.experiment.resultPosts.failed).toBe(0)
  expect(isAlive(run.server.pid)).toBe(false)
  console.log(
    `bench:class: 5 students, ${run.produced} messages, ${run.reports.n} reports, results all in ${Math.round(run.experiment.allInAfterMs)} ms after the end`,
  )
}, 60_000)

it('says why when a flag is wrong', async () => {
  const { code, stderr } = await bench(['--students=0'])
  expect(code).toBe(2)
  expect(stderr).toContain('--students must be a number from 1 to 2000 (got "0")')
})
