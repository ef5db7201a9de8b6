import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Pinning, pinServer } from './pinning.ts'
import type { ModeName } from './step.ts'
import type { ClassTarget } from './targets/target.ts'
import type { Column, HostReply, HostRequest, HostSample, TargetName } from './types.ts'

const HOST = fileURLToPath(new URL('./host.ts', import.meta.url))
/** Several servers start at once, each compiling its TypeScript: slow on a busy machine. */
const START_TIMEOUT_MS = 60_000
/** A server saturated by the previous step can be slow to answer: generous. */
const REPLY_TIMEOUT_MS = 60_000

type Request = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never

const running = new Set<TargetProcess>()
/** V8's default maximum young generation (16 MiB semi-spaces, on 64-bit), from the start. */
const FIXED_YOUNG_GENERATION = ['--min-semi-space-size=16', '--max-semi-space-size=16']

/**
 * A server under test in its own process (`host.ts`) and its own process group, so that killing
 * the group by its id leaves nothing behind. Node runs host.ts through tsx's loader in the same
 * process (`--import`, not tsx's CLI, which would start it as a grandchild), so the PID is the
 * server's: taskset binds it and IPC reaches it.
 */
export class TargetProcess {
  #nextId = 1
  readonly #waiting = new Map<number, (reply: HostReply) => void>()

  private constructor(
    readonly target: TargetName,
    readonly meter: boolean,
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (reply: HostReply) => {
      if ('id' in reply) this.#waiting.get(reply.id)?.(reply)
    })
  }

  get pid(): number {
    return this.child.pid ?? 0
  }

  static async start(
    target: TargetName,
    meter: boolean,
    pinning: Pinning,
    nodeFlags: string[] = [],
    classMode?: ClassTarget,
  ): Promise<TargetProcess> {
    const args = ['--expose-gc', ...nodeFlags, '--import', import.meta.resolve('tsx'), HOST, target]
    const options = { meter, ...(classMode && { class: classMode }) }
    const child = spawn(process.execPath, [...args, JSON.stringify(options)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${target}: no answer in ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      )
      child.on('message', (reply: HostReply) => {
        clearTimeout(timer)
        if (reply.type === 'ready') resolve(reply.url)
        else if (reply.type === 'failed') reject(new Error(`${target}: ${reply.error}`))
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${target}: the host exited with ${code}\n${stderr}`))
      })
    }).catch((error: Error) => {
      killGroup(child)
      throw error
    })
    try {
      pinServer(pinning, child.pid ?? 0)
    } catch (error) {
      killGroup(child)
      throw error
    }
    const started = new TargetProcess(target, meter, child, url)
    running.add(started)
    child.once('exit', () => running.delete(started))
    return started
  }

  #ask(request: Request): Promise<HostReply> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id)
        reject(new Error(`${this.target}: no answer to "${request.type}" in 60 s`))
      }, REPLY_TIMEOUT_MS)
      this.#waiting.set(id, (reply) => {
        clearTimeout(timer)
        this.#waiting.delete(id)
        if (reply.type === 'done' && reply.error)
          reject(new Error(`${this.target}: ${reply.error}`))
        else resolve(reply)
      })
      this.child.send({ ...request, id })
    })
  }

  async sample(gc = false): Promise<HostSample> {
    const reply = await this.#ask({ type: 'sample', gc })
    if (reply.type !== 'sample') throw new Error(`${this.target}: no sample`)
    return reply.sample
  }

  async setRate(room: string, rate: number, size: number): Promise<void> {
    await this.#ask({ type: 'rate', room, rate, size })
  }

  async produced(room: string): Promise<number> {
    const reply = await this.#ask({ type: 'produced', room })
    return reply.type === 'done' ? (reply.produced ?? 0) : 0
  }

  /** Asks the host to close its server and exit; kills its process group if it has not in 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.#ask({ type: 'stop' }).catch(() => {})
    const timer = setTimeout(() => killGroup(this.child), 5_000)
    await exited
    clearTimeout(timer)
    // Anything it started in its group goes with it.
    killGroup(this.child)
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** Every host still running, killed by process group: for exit and signal handlers. */
export function killAllTargets(): void {
  for (const target of running) killGroup(target.child)
  running.clear()
}

/**
 * One host per mode, column (server and transport) and meter setting, started on first use and
 * reused by that mode's later steps of the column: no step is measured on a server another column
 * or mode has loaded (the meter's on and off are two servers of the same age).
 */
export class TargetPool {
  readonly #started = new Map<string, Promise<TargetProcess>>()
  /** Every PID started, for results.json (a test checks they are gone). */
  readonly pids: number[] = []

  constructor(readonly pinning: Pinning) {}

  get(mode: ModeName, column: Column, meter = true): Promise<TargetProcess> {
    const { target } = column
    const key = `${mode}:${target}:${column.transport}:${meter}`
    let started = this.#started.get(key)
    if (!started) {
      started = TargetProcess.start(target, meter, this.pinning).then((host) => {
        this.pids.push(host.pid)
        return host
      })
      this.#started.set(key, started)
    }
    return started
  }

  /**
   * A host of its own, for a step that weighs the memory of a process nothing else has used. Its
   * young generation is fixed at its full size from the start: growing later, mid-measurement, it
   * would add up to 32 MiB to the process's RSS whatever the number of connections.
   */
  async fresh(target: TargetName, meter = true): Promise<TargetProcess> {
    const host = await TargetProcess.start(target, meter, this.pinning, FIXED_YOUNG_GENERATION)
    this.pids.push(host.pid)
    return host
  }

  async stopAll(): Promise<void> {
    const hosts = await Promise.allSettled(this.#started.values())
    this.#started.clear()
    await Promise.all(
      hosts.map((host) => (host.status === 'fulfilled' ? host.value.stop() : undefined)),
    )
  }
}
