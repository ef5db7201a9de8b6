import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { runBench } from './run-bench.ts'

const MAIN = fileURLToPath(new URL('./cluster.ts', import.meta.url))

it('measures each setup for real, small: every client gets every message, none twice', async () => {
  const { code, stdout, stderr } = await runBench(
    MAIN,
    ['--clients', '5', '--rate', '20', '--seconds', '1'],
    90_000,
  )
  expect(code, stderr).toBe(0)
  const rows = stdout.split('\n').filter((line) => /^\| \d instances?,/.test(line))
  expect(rows.map((row) => row.split(' | ')[0])).toEqual([
    '| 1 instance, memory store',
    '| 1 instance, Redis, direct',
    '| 1 instance, Redis, nginx',
    '| 3 instances, Redis, nginx',
  ])
  // clients held, connections per instance, sent, p50, p95, p99, lost, duplicated
  for (const row of rows) {
    expect(row).toMatch(/^\| [^|]+ \| 10 \| [\d /]+ \| 20 \| \d+ \| \d+ \| \d+ \| 0 \| 0 \|$/)
  }
  // Three instances share the clients: each holds some (round robin).
  const spread = rows[3]?.split(' | ')[2]?.split(' / ').map(Number) ?? []
  expect(spread).toHaveLength(3)
  for (const held of spread) expect(held).toBeGreaterThan(0)
  expect(stdout).toMatch(/load average \d/)
}, 100_000)
