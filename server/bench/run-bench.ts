import { spawn } from 'node:child_process'

export interface BenchRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a bench script as `npm run bench:…` would, in a process group of its own (for the benches'
 * tests): past `cutAfterMs` it goes with everything it started.
 */
export function runBench(main: string, args: string[], cutAfterMs: number): Promise<BenchRun> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const cut = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), cutAfterMs)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(cut)
      resolve({ code, stdout, stderr })
    }),
  )
}

/** True while a process of this id runs (a bench's test checks it left no server behind). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
