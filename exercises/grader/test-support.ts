import { spawn } from 'node:child_process'
import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Helpers for the grader's own tests (left out of the student copy with them).

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url))

/**
 * Copies the fixture exercises to `destination` as real exercises: their `*.test-fixture.ts`
 * become `*.test.ts` (named so that the project's own `npm test` does not run them).
 */
export async function materializeFixtures(destination: string, from = fixturesDir): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name)
    const target = join(destination, entry.name.replace(/\.test-fixture\.ts$/, '.test.ts'))
    if (entry.isDirectory()) await materializeFixtures(target, source)
    else if (entry.name !== 'README.md') {
      await mkdir(destination, { recursive: true })
      await copyFile(source, target)
    }
  }
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `tsx <script> …args` (the way `npm run` does) and collects its output. */
export function runCli(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, script, ...args], {
      cwd: options.cwd ?? repoRoot,
      // English unless a test asks for another language: the machine's locale must not matter.
      env: { ...process.env, NO_COLOR: '1', LC_ALL: 'C.UTF-8', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
