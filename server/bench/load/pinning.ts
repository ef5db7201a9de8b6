import { spawnSync } from 'node:child_process'

/** Where the server under test and the load generator run. */
export interface Pinning {
  used: boolean
  /** `taskset -c` lists: the first allowed CPU for the servers, the rest for the generator. */
  serverCpus?: string
  generatorCpus?: string
  /** Why pinning is off; said in words by REPORT_TEXT's `pinning`. */
  reason?: 'off' | 'platform' | 'no-taskset' | 'one-cpu' | 'failed'
}

/** The CPUs this process may run on, from `taskset -pc` (e.g. "0,1" or "0-3"). */
function allowedCpus(): number[] {
  const out = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' })
  if (out.status !== 0) return []
  const list = /:\s*([\d,-]+)\s*$/.exec(out.stdout)?.[1] ?? ''
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number)
    if (from === undefined || Number.isNaN(from)) return []
    const last = to ?? from
    return Array.from({ length: last - from + 1 }, (_, i) => from + i)
  })
}

/**
 * On Linux with taskset and two CPUs or more: this process (every thread: `-a`) moves to all
 * allowed CPUs but the first, which the servers get (`pinServer`). Elsewhere nothing moves.
 */
export function pinLoadGenerator(wanted: boolean): Pinning {
  if (!wanted) return { used: false, reason: 'off' }
  if (process.platform !== 'linux') return { used: false, reason: 'platform' }
  const cpus = allowedCpus()
  if (cpus.length === 0) return { used: false, reason: 'no-taskset' }
  if (cpus.length < 2) return { used: false, reason: 'one-cpu' }
  const serverCpus = String(cpus[0])
  const generatorCpus = cpus.slice(1).join(',')
  const moved = spawnSync('taskset', ['-apc', generatorCpus, String(process.pid)])
  if (moved.status !== 0) return { used: false, reason: 'failed' }
  return {
    used: true,
    serverCpus,
    generatorCpus,
  }
}

/**
 * Moves a started server (every thread) to the servers' CPU. Done once it is up, so that several
 * servers can start side by side on all CPUs; the measurements come after.
 */
export function pinServer(pinning: Pinning, pid: number): void {
  if (!pinning.used || pinning.serverCpus === undefined) return
  const moved = spawnSync('taskset', ['-apc', pinning.serverCpus, String(pid)])
  if (moved.status !== 0) throw new Error(`taskset could not pin the server (PID ${pid})`)
}
