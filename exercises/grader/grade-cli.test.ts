import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { writeManifest } from './checksums.ts'
import { exerciseAt } from './exercises.ts'
import { type CliResult, materializeFixtures, repoRoot, runCli } from './test-support.ts'
import { createWorkspace, mutantSource, type Workspace } from './work-copy.ts'

// End to end: `npm run grade` on the two fixture exercises, as a student would run it. The
// student of 01-wordcount has a bug (empty text counts as one word) and "fixed" the test.

const grade = join(repoRoot, 'exercises', 'grader', 'grade.ts')

const gradescopeResults = z.object({
  score: z.number(),
  execution_time: z.number(),
  output: z.string(),
  tests: z.array(
    z.object({
      name: z.string(),
      score: z.number(),
      max_score: z.number(),
      output: z.string(),
      visibility: z.literal('visible'),
    }),
  ),
})

let workspace: Workspace
let exercisesDir: string
let firstRun: CliResult

beforeAll(async () => {
  workspace = await createWorkspace(repoRoot)
  exercisesDir = join(workspace.dir, 'exercises')
  await materializeFixtures(exercisesDir)
  await materializeFixtures(join(workspace.dir, 'pristine', 'exercises'))
  await writeManifest(exercisesDir)

  const wordcount = join(exercisesDir, '01-wordcount')
  const mutant = await mutantSource(exerciseAt(exercisesDir, '01-wordcount'), 'empty-is-one.json')
  await writeFile(join(wordcount, 'wordcount.ts'), mutant)
  const testFile = join(wordcount, 'wordcount.test.ts')
  const test = await readFile(testFile, 'utf8')
  await writeFile(
    testFile,
    test.replace("expect(countWords('')).toBe(0)", "expect(countWords('')).toBe(1)"),
  )

  await mkdir(join(workspace.dir, 'out'))
  firstRun = await runCli(
    grade,
    [
      '--exercises-dir',
      exercisesDir,
      '--strict',
      '--json',
      join(workspace.dir, 'out', 'results.json'),
    ],
    { env: { GITHUB_STEP_SUMMARY: join(workspace.dir, 'out', 'summary.md') } },
  )
}, 60_000)

afterAll(() => workspace.remove())

describe('npm run grade', () => {
  it('prints a PASS or FAIL line per test, the points per exercise and the total', () => {
    expect(firstRun.stdout).toMatch(
      /^ {2}PASS {2}countWords > counts words separated by one space {2}\(\d+ ms\) {2}2\/2$/m,
    )
    expect(firstRun.stdout).toMatch(
      /^ {2}FAIL {2}shout > upper-cases and adds one bang {2}\(\d+ ms\) {2}0\/1$/m,
    )
    expect(firstRun.stdout).toContain('        TODO(02-shout): shout("hi")')
    expect(firstRun.stdout).toMatch(/^01-wordcount {2}6\/6$/m)
    expect(firstRun.stdout).toMatch(/^Total +6\/8$/m)
  })

  it('warns, visibly, that a test file was modified', () => {
    expect(firstRun.stdout).toContain('WARNING  01-wordcount/wordcount.test.ts was modified')
  })

  it('exits 1 with --strict when the marks are not full', () => {
    expect(firstRun.code).toBe(1)
  })

  it('writes Gradescope results.json with --json, warning included', async () => {
    const text = await readFile(join(workspace.dir, 'out', 'results.json'), 'utf8')
    const results = gradescopeResults.parse(JSON.parse(text))
    expect(results.score).toBe(6)
    // Five tests, and each exercise's type check (worth 0; negative with type errors).
    expect(results.tests.map((test) => test.name.replace(/^.*: /, ''))).toContain('TypeScript')
    expect(results.tests).toHaveLength(7)
    expect(results.output).toContain('01-wordcount/wordcount.test.ts was modified')
  })

  it('appends a Markdown table to $GITHUB_STEP_SUMMARY', async () => {
    const summary = await readFile(join(workspace.dir, 'out', 'summary.md'), 'utf8')
    expect(summary).toContain(
      '| 01-wordcount | 6 | 6 |\n| 02-shout | 0 | 2 |\n| **Total** | **6** | **8** |',
    )
  })

  it('grades with the original tests with --pristine, and only the exercise asked for', async () => {
    const run = await runCli(grade, [
      '01',
      '--exercises-dir',
      exercisesDir,
      '--pristine',
      join(workspace.dir, 'pristine'),
    ])
    expect(run.stdout).toMatch(/^ {2}FAIL {2}countWords > returns 0 for an empty text .*0\/1$/m)
    expect(run.stdout).toMatch(/^01-wordcount {2}5\/6$/m)
    expect(run.stdout).toContain('graded with the original tests instead')
    expect(run.stdout).not.toContain('02-shout')
    expect(run.code).toBe(0)
  }, 30_000)

  it('exits 0 with --strict at full marks', async () => {
    const shout = join(exercisesDir, '02-shout')
    await copyFile(join(shout, 'solution', 'shout.ts'), join(shout, 'shout.ts'))
    const run = await runCli(grade, ['02-shout', '--exercises-dir', exercisesDir, '--strict'])
    expect(run.stdout).toMatch(/^02-shout {2}2\/2$/m)
    expect(run.code).toBe(0)
  }, 30_000)

  it('rejects an unknown exercise with exit 2 and lists the valid ones', async () => {
    const run = await runCli(grade, ['02-shot', '--exercises-dir', exercisesDir])
    expect(run.stderr).toContain(
      'unknown exercise "02-shot"; the exercises are: 01-wordcount, 02-shout',
    )
    expect(run.code).toBe(2)
  })
})

describe('npm run grade, on code that does not type-check or parse', () => {
  let dir: Workspace
  let run: CliResult

  beforeAll(async () => {
    dir = await createWorkspace(repoRoot)
    const exercises = join(dir.dir, 'exercises')
    await materializeFixtures(exercises)
    const wordcount = join(exercises, '01-wordcount')
    const solved = await readFile(join(wordcount, 'solution', 'wordcount.ts'), 'utf8')
    await writeFile(join(wordcount, 'wordcount.ts'), `${solved}export const y: number = 'str'\n`)
    await writeFile(
      join(exercises, '02-shout', 'shout.ts'),
      'export function (text: string): string {\n  return text\n}\n',
    )
    run = await runCli(grade, ['--exercises-dir', exercises, '--lang', 'en'])
  }, 60_000)

  afterAll(() => dir.remove())

  it('reports a type error as a failed check with file and line, and takes 1 point for it', () => {
    expect(run.stdout).toMatch(/^ {2}FAIL {2}TypeScript: 1 type error {2}\(−1 from .*\)$/m)
    expect(run.stdout).toMatch(/^ {8}wordcount\.ts:4:14 TS2322 Type 'string' is not assignable/m)
    expect(run.stdout).toMatch(/^01-wordcount {2}5\/6$/m)
  })

  it('reports a syntax error once, with file:line:column and the offending line', () => {
    const lines = run.stdout.split('\n')
    const at = lines.findIndex((line) => line.includes('shout.ts:1:17: Expected function name'))
    expect(at, run.stdout).toBeGreaterThan(0)
    expect(lines[at + 1]).toBe('        1 | export function (text: string): string {')
    expect(lines[at + 2]).toBe(`        ${' '.repeat(4 + 16)}^`)
    expect(run.stdout.match(/Expected function name/g)).toHaveLength(1)
    expect(run.stdout).not.toContain('Transform failed')
  })

  it('speaks Portuguese with --lang pt-BR or a Portuguese locale', async () => {
    const exercises = join(dir.dir, 'exercises')
    for (const [args, env] of [
      [['--lang', 'pt-BR'], {}],
      [[], { LC_ALL: '', LANG: 'pt_BR.UTF-8' }],
    ] as const) {
      const ptRun = await runCli(grade, ['01', '--exercises-dir', exercises, ...args], { env })
      expect(ptRun.stdout).toMatch(/^ {2}PASSOU {2}countWords > /m)
      expect(ptRun.stdout).toMatch(/^ {2}FALHOU {2}TypeScript: 1 erro de tipo/m)
      expect(ptRun.stdout).toContain('AVISO')
    }
    const bad = await runCli(grade, ['09', '--exercises-dir', exercises, '--lang', 'pt-BR'])
    expect(bad.stderr).toContain('exercício desconhecido "09"')
    expect(bad.code).toBe(2)
  }, 60_000)
})
