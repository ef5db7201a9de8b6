import { appendFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkIntegrity,
  computeManifest,
  MANIFEST_FILE,
  REGENERATE_COMMAND,
  serializeManifest,
} from './checksums.ts'
import { discoverExercises } from './exercises.ts'
import { materializeFixtures, repoRoot } from './test-support.ts'
import { createWorkspace, type Workspace } from './work-copy.ts'

describe('exercises/checksums.json', () => {
  it('matches the tests and points of the exercises', async () => {
    const exercisesDir = join(repoRoot, 'exercises')
    const expected = serializeManifest(await computeManifest(exercisesDir))
    const actual = await readFile(join(exercisesDir, MANIFEST_FILE), 'utf8').catch(
      () => '(missing)',
    )
    expect(actual, `exercises/${MANIFEST_FILE} is out of date: run \`${REGENERATE_COMMAND}\``).toBe(
      expected,
    )
  })
})

describe('checkIntegrity', () => {
  let workspace: Workspace
  const exercise = () => join(workspace.dir, '01-wordcount')

  beforeAll(async () => {
    workspace = await createWorkspace(repoRoot)
    await materializeFixtures(workspace.dir)
  })
  afterAll(() => workspace.remove())

  it('finds nothing in untouched exercises, whatever their line endings', async () => {
    const manifest = await computeManifest(workspace.dir)
    const testFile = join(exercise(), 'wordcount.test.ts')
    await writeFile(testFile, (await readFile(testFile, 'utf8')).replaceAll('\n', '\r\n'))
    expect(await checkIntegrity(manifest, await discoverExercises(workspace.dir))).toEqual([])
  })

  it('reports a modified test, a missing points.json and an added test file', async () => {
    const manifest = await computeManifest(workspace.dir)
    await appendFile(join(exercise(), 'wordcount.test.ts'), '\n// it.skip all the things\n')
    await rm(join(exercise(), 'points.json'))
    await writeFile(join(exercise(), 'mine.test.ts'), '')
    const exercises = await discoverExercises(workspace.dir)
    const findings = await checkIntegrity(manifest, [
      ...exercises,
      { name: '01-wordcount', dir: exercise(), studentFile: 'wordcount.ts' },
    ])
    expect(findings).toEqual([
      { file: '01-wordcount/points.json', problem: 'missing' },
      { file: '01-wordcount/wordcount.test.ts', problem: 'modified' },
      { file: '01-wordcount/mine.test.ts', problem: 'added' },
    ])
  })

  it('says when an exercise has no checksums at all', async () => {
    const exercises = await discoverExercises(workspace.dir)
    const findings = await checkIntegrity({ regenerate: '', files: {} }, exercises.slice(0, 1))
    expect(findings).toEqual([
      { file: `${exercises[0]?.name}/`, problem: 'not in the checksum manifest' },
    ])
  })
})
