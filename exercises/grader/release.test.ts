import { execFileSync, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ClassroomResult } from './classroom-results.ts'
import { discoverExercises, readPoints } from './exercises.ts'
import { applyMutant, readMutant } from './mutants.ts'
import { ReleaseRefusedError, releaseStudent } from './release.ts'
import { materializeFixtures, repoRoot } from './test-support.ts'
import { listMutants } from './work-copy.ts'

let outDir: string

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
}

/** Runs a shell command line the way a workflow step does; stdout and stderr together. */
function runStep(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd,
      shell: true,
      env: { ...process.env, NO_COLOR: '1', ...env },
    })
    let output = ''
    const collect = (chunk: string): void => {
      output += chunk
    }
    child.stdout.setEncoding('utf8').on('data', collect)
    child.stderr.setEncoding('utf8').on('data', collect)
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'wirelab-student-'))
  await releaseStudent({ repoRoot, outDir, force: false })
  // The workflow's install step (`npm ci`) would fetch the same packages again: link ours.
  await symlink(join(repoRoot, 'node_modules'), join(outDir, 'node_modules'), 'junction')
  // Biome honours .gitignore only inside a git repository, as the instructor's template is.
  execFileSync('git', ['init', '-q'], { cwd: outDir })
})

afterAll(() => rm(outDir, { recursive: true, force: true }))

describe('release:student', () => {
  it('leaves out solutions, mutants, answer keys and the grader’s own tests', async () => {
    const files = await allFiles(outDir)
    expect(files).toContain('package.json')
    expect(files).toContain('exercises/grader/grade.ts')
    expect(
      files.filter((file) =>
        /\/solution\/|\/mutants\/|answers[^/]*\.md$|\.test-fixture\.ts$/.test(file),
      ),
    ).toEqual([])
    expect(
      files.filter((file) => file.startsWith('exercises/grader/') && file.endsWith('.test.ts')),
    ).toEqual([])
  })

  it('ships a lab module that would answer an exercise compiled, without its source or comments', async () => {
    const dir = join(outDir, 'server', 'src', 'transports')
    const names = await readdir(dir)
    expect(names).not.toContain('heartbeat.ts')
    expect(names).toEqual(expect.arrayContaining(['heartbeat.min.js', 'heartbeat.min.d.ts']))
    for (const name of ['heartbeat.min.js', 'heartbeat.min.d.ts']) {
      const lines = (await readFile(join(dir, name), 'utf8')).split('\n')
      expect(lines[0]).toMatch(/^\/\/ heartbeat\.ts compiled by release:student/)
      expect(lines.slice(1).join('\n')).not.toMatch(/\/\/|\/\*/)
    }
    expect(await readFile(join(outDir, 'server', 'src', 'server.ts'), 'utf8')).toContain(
      "from './transports/heartbeat.min.js'",
    )
  })

  it('passes its own typecheck, lint, and the tests that read what the release changed', async () => {
    for (const command of [
      'npm run typecheck',
      'npm run lint',
      // Labs (no answer keys), slides (they read the labs), the compiled heartbeat in a real server.
      'node_modules/.bin/vitest run --project unit labs/test slides server/src/transports server/test/websocket.test.ts',
    ]) {
      const run = await runStep(command, outDir)
      expect(run.code, `${command}\n${run.output}`).toBe(0)
    }
  }, 240_000)

  it('runs its Classroom workflow’s steps: partial credit per test, solved, half-done or not started', async () => {
    const workflow = parse(await readFile(join(outDir, '.github/workflows/classroom.yml'), 'utf8'))
    const steps: { id?: string; run?: string; uses?: string; env?: Record<string, string> }[] =
      workflow.jobs['run-autograding-tests'].steps
    const exercises = await discoverExercises(join(outDir, 'exercises'))
    const [solved, halfDone] = exercises
    if (!solved || !halfDone) throw new Error('the release needs two exercises for this test')
    const original = (name: string) => join(repoRoot, 'exercises', name)
    await writeFile(
      join(solved.dir, solved.studentFile),
      await readFile(join(original(solved.name), 'solution', solved.studentFile)),
    )
    const [mutantName] = await listMutants({ ...halfDone, dir: original(halfDone.name) })
    if (!mutantName) throw new Error(`${halfDone.name} has no mutant`)
    const mutant = await readMutant(join(original(halfDone.name), 'mutants', mutantName))
    const solution = await readFile(join(original(halfDone.name), 'solution', halfDone.studentFile))
    await writeFile(
      join(halfDone.dir, halfDone.studentFile),
      applyMutant(solution.toString('utf8'), mutant, mutantName),
    )

    const outputsFile = join(outDir, 'github-output.txt')
    await writeFile(outputsFile, '')
    for (const step of steps.filter((candidate) => candidate.run !== undefined)) {
      if (step.run?.startsWith('npm ci')) continue // node_modules is linked above
      const run = await runStep(step.run ?? '', outDir, { GITHUB_OUTPUT: outputsFile })
      expect(run.code, `${step.run}\n${run.output}`).toBe(0)
    }

    // What autograding-grading-reporter does with them: decode each runner's result, add up.
    const outputs = new Map(
      (await readFile(outputsFile, 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('=', 2) as [string, string]),
    )
    const reporter = steps.find((step) => step.uses?.includes('autograding-grading-reporter'))
    const points = new Map<string, [number, number]>()
    for (const [variable, expression] of Object.entries(reporter?.env ?? {})) {
      const output = /steps\.grade\.outputs\.(\w+)/.exec(expression)?.[1] ?? ''
      const encoded = outputs.get(output)
      expect(encoded, `no output ${output} for ${variable}`).toBeDefined()
      const result: ClassroomResult = JSON.parse(Buffer.from(encoded ?? '', 'base64').toString())
      const score = result.tests.reduce((sum, test) => sum + test.score, 0)
      points.set(output, [score, result.max_score])
    }
    expect(points.size).toBe(exercises.length)
    const maxOf = async (name: string) =>
      Object.values(await readPoints(join(outDir, 'exercises', name, 'points.json'))).reduce(
        (sum, value) => sum + value,
        0,
      )
    const at = (name: string) => points.get(`ex${name.replaceAll('-', '')}`)
    expect(at(solved.name)).toEqual([await maxOf(solved.name), await maxOf(solved.name)])
    const [partial = 0, max = 0] = at(halfDone.name) ?? []
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(max)
    for (const starter of exercises.slice(2)) expect(at(starter.name)?.[0]).toBe(0)
  }, 180_000)

  it('takes every file from the last commit: an uncommitted edit stays out, and is listed', async () => {
    const project = await mkdtemp(join(tmpdir(), 'wirelab-project-'))
    const release = await mkdtemp(join(tmpdir(), 'wirelab-student-'))
    try {
      await materializeFixtures(join(project, 'exercises'))
      const git = (...args: string[]) => execFileSync('git', args, { cwd: project })
      git('init', '-q')
      git('add', '.')
      git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'exercises')
      const starter = join('exercises', '01-wordcount', 'wordcount.ts')
      const committed = await readFile(join(project, starter), 'utf8')
      await writeFile(join(project, starter), '// solved, not committed\n')
      const report = await releaseStudent({ repoRoot: project, outDir: release, force: true })
      expect(await readFile(join(release, starter), 'utf8')).toBe(committed)
      expect(report.uncommitted).toEqual([' M exercises/01-wordcount/wordcount.ts'])
    } finally {
      await rm(project, { recursive: true, force: true })
      await rm(release, { recursive: true, force: true })
    }
  })

  it('refuses a folder that is not empty, unless --force, which keeps .git/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wirelab-student-'))
    try {
      await mkdir(join(dir, '.git'))
      await writeFile(join(dir, 'stale-solution.ts'), '')
      await expect(releaseStudent({ repoRoot, outDir: dir, force: false })).rejects.toThrow(
        ReleaseRefusedError,
      )
      await releaseStudent({ repoRoot, outDir: dir, force: true })
      const names = await readdir(dir)
      expect(names).toContain('.git')
      expect(names).not.toContain('stale-solution.ts')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('refuses to write over the project itself', async () => {
    await expect(releaseStudent({ repoRoot, outDir: repoRoot, force: true })).rejects.toThrow(
      'is or contains the project itself',
    )
  })
})
