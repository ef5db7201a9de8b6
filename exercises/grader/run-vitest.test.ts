import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runVitest } from './run-vitest.ts'
import { materializeFixtures, repoRoot } from './test-support.ts'
import { createWorkspace, type Workspace } from './work-copy.ts'

let workspace: Workspace

beforeAll(async () => {
  workspace = await createWorkspace(repoRoot)
  await materializeFixtures(workspace.dir)
})
afterAll(() => workspace.remove())

describe('runVitest', () => {
  it('reports each test of the folders asked for, with its full name and state', async () => {
    const run = await runVitest({
      repoRoot,
      dir: workspace.dir,
      only: [join(workspace.dir, '02-shout')],
    })
    expect(run.tests.map((test) => [test.fullName, test.state])).toEqual([
      ['shout > upper-cases and adds one bang', 'failed'],
      ['shout > adds a bang after an existing one', 'failed'],
    ])
    expect(run.modules).toHaveLength(1)
    expect(run.timedOut).toBe(false)
  })

  it('kills a run that overruns its time limit, and says so', async () => {
    const run = await runVitest({ repoRoot, dir: workspace.dir, only: [], timeoutMs: 1 })
    expect(run.timedOut).toBe(true)
    expect(run.tests).toEqual([])
  })
})
