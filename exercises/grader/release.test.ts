import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverExercises } from './exercises.ts'
import { ReleaseRefusedError, releaseStudent } from './release.ts'
import { repoRoot } from './test-support.ts'

let outDir: string

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
}

function npmRunGrade(cwd: string): Promise<{ code: number | null; output: string }> {
  // stdout and stderr together, so that a failure shows everything the student would see.
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'grade'], { cwd, env: { ...process.env, NO_COLOR: '1' } })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'wirelab-student-'))
  await releaseStudent({ repoRoot, outDir, force: false })
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

  it('writes a Classroom workflow with one grading step per exercise of the copy', async () => {
    const workflow = await readFile(join(outDir, '.github', 'workflows', 'classroom.yml'), 'utf8')
    const exercises = await discoverExercises(join(outDir, 'exercises'))
    for (const exercise of exercises) {
      expect(workflow).toContain(`command: npm run grade -- ${exercise.name} --strict`)
    }
    expect(workflow.match(/autograding-command-grader@v1/g) ?? []).toHaveLength(exercises.length)
  })

  it('gives a copy whose own `npm run grade` runs and exits 0 (the starters score 0)', async () => {
    await symlink(join(repoRoot, 'node_modules'), join(outDir, 'node_modules'), 'junction')
    const run = await npmRunGrade(outDir)
    expect(run.output, run.output).toMatch(/^Total +0\/\d+$/m)
    expect(run.output).not.toMatch(/was modified|no checksums/)
    expect(run.code).toBe(0)
  }, 60_000)

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
