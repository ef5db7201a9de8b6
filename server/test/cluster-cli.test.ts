import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { expect, it } from 'vitest'
import { killTree, ownProcessGroup } from '../../exercises/grader/kill-tree.ts'
import { eventually, onCleanup } from './harness.ts'

// `npm run cluster` as a user runs it: it prints where everything is, serves through nginx, and
// Ctrl+C (SIGINT) stops everything it started (redis-server, the instances, nginx).

const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  )

it('starts redis-server, two instances and nginx, prints them, and stops them all on SIGINT', async () => {
  const child = spawn(
    process.execPath,
    [
      ...['--import', import.meta.resolve('tsx'), 'server/src/cluster/main.ts'],
      ...['--instances', '2', '--port', '0', '--api-only'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...ownProcessGroup },
  )
  onCleanup(() => killTree(child))
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  await eventually(() => expect(output).toContain('Press Ctrl+C to stop.'), 60_000)
  const url = /running on (http:\/\/\S+)/.exec(output)?.[1] ?? ''
  const instances = [...output.matchAll(/^ {4}(i\d) {2}(http:\/\/\S+)$/gm)].map((m) => m[2] ?? '')
  const redisPort = /redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]
  expect(output).toContain('nginx (round robin, not sticky) in front of:')
  expect(instances).toHaveLength(2)
  expect(redisPort).toBeDefined()
  const served = new Set<string | null>()
  for (let i = 0; i < 4; i++) {
    const response = await fetch(`${url.replace('localhost', '127.0.0.1')}/api/time`)
    served.add(response.headers.get('x-wirelab-instance'))
  }
  expect(served).toEqual(new Set(['i1', 'i2']))
  const exited = once(child, 'exit')
  child.kill('SIGINT')
  const [code] = await exited
  expect(code).toBe(0)
  for (const instance of instances) expect(await answers(`${instance}/api/time`)).toBe(false)
  expect(await answers(`${url.replace('localhost', '127.0.0.1')}/api/time`)).toBe(false)
  const redisGone = await fetch(`http://127.0.0.1:${redisPort}`).then(
    () => false,
    (error: Error) => /ECONNREFUSED/.test(String((error.cause as Error)?.message ?? error)),
  )
  expect(redisGone).toBe(true)
}, 90_000)
