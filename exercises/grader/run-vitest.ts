import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { killTree, ownProcessGroup } from './kill-tree.ts'
import {
  type ModuleFinished,
  type ReportedError,
  type RunEvent,
  runEvent,
  type TestFinished,
} from './run-events.ts'

/** What one Vitest run reported, file by file. */
export interface VitestRun {
  tests: TestFinished[]
  modules: ModuleFinished[]
  /** Errors that escaped the tests (an unhandled rejection, a timer firing after a test). */
  unhandledErrors: ReportedError[]
  /** Vitest's own output (stderr and non-test stdout), for when something went wrong. */
  log: string
  exitCode: number
  /** True when the run overran `timeoutMs` and was killed. */
  timedOut: boolean
}

export interface VitestRunOptions {
  /** The project root: Vitest's working directory, where `node_modules` is. */
  repoRoot: string
  /** The folder to scan for `*.test.ts` files. */
  dir: string
  /** Absolute folders: only test files inside them run. Empty: every test file in `dir`. */
  only: string[]
  /**
   * `false` runs many test files in one worker (6× faster for the tests of the tests, whose work
   * copies have distinct module paths); students are graded isolated, file by file.
   */
  isolate?: boolean
  /** Kill the run after this long: student code can keep Vitest from ever exiting. */
  timeoutMs?: number
  /** Called as each message arrives, to show progress. */
  onEvent?: (event: RunEvent) => void
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000

const reporterPath = fileURLToPath(new URL('./vitest-reporter.ts', import.meta.url))

function vitestBin(repoRoot: string): string {
  const require = createRequire(`${repoRoot}/package.json`)
  return join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
}

/** The child must not think it is a worker of the Vitest that runs the grader's own tests. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key]
  }
  return env
}

/** Runs Vitest once over the exercise tests and collects what the grader's reporter sends. */
export function runVitest(options: VitestRunOptions): Promise<VitestRun> {
  const args = [
    vitestBin(options.repoRoot),
    'run',
    '--config',
    'exercises/vitest.config.ts',
    '--dir',
    options.dir,
    '--reporter',
    reporterPath,
    '--passWithNoTests',
    // The results cache would gain an entry per work copy, and parallel runs race to rewrite it.
    '--no-cache',
    ...(options.isolate === false ? ['--no-isolate'] : []),
    // Vitest leaves one core free, i.e. one worker on a 2-core laptop; exercise tests mostly wait
    // on sockets and timers, so a second worker halves the time there.
    `--maxWorkers=${Math.max(2, availableParallelism() - 1)}`,
    ...options.only.map((folder) => (folder.endsWith('/') ? folder : `${folder}/`)),
  ]
  const run: VitestRun = {
    tests: [],
    modules: [],
    unhandledErrors: [],
    log: '',
    exitCode: 0,
    timedOut: false,
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.repoRoot,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      ...ownProcessGroup,
    })
    // In its own process group, Vitest no longer gets the terminal's Ctrl-C: stop it on our exit.
    const stopChild = (): void => killTree(child)
    process.on('exit', stopChild)
    const timer = setTimeout(() => {
      run.timedOut = true
      killTree(child)
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    const settle = (): void => {
      clearTimeout(timer)
      process.off('exit', stopChild)
    }
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      run.log += chunk
    })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      run.log += chunk
    })
    child.on('message', (message: unknown) => {
      const parsed = runEvent.safeParse(message)
      if (!parsed.success) {
        run.log += `grader: ignored a malformed message from Vitest: ${JSON.stringify(message)}\n`
        return
      }
      const event = parsed.data
      if (event.type === 'test') run.tests.push(event)
      else if (event.type === 'module') run.modules.push(event)
      else run.unhandledErrors.push(...event.unhandledErrors)
      options.onEvent?.(event)
    })
    child.on('error', (error) => {
      settle()
      reject(error)
    })
    child.on('close', (code, signal) => {
      settle()
      run.exitCode = code ?? (signal ? 128 : 1)
      resolve(run)
    })
  })
}
