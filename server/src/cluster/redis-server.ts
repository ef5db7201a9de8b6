import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../net/free-port.ts'
import { stopChild } from './child.ts'

/** A redis-server this process started, on 127.0.0.1, with its data in a folder of its own. */
export interface RunningRedis {
  port: number
  url: string
  /** Ends it (SIGKILL when `crash`, as a power cut would) and keeps its data for `start`. */
  stop(options?: { crash?: boolean }): Promise<void>
  /** Starts it again on the same port, from its data. */
  start(): Promise<void>
  /** Stops it and removes its folder. */
  remove(): Promise<void>
}

/** Debian's package puts it on the PATH; Homebrew too. */
export function redisBinary(): string {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0) {
    return 'redis-server'
  }
  throw new Error(
    'redis-server is not installed: on Debian or Ubuntu `sudo apt-get install redis-server`, on macOS `brew install redis`',
  )
}

/**
 * Starts redis-server on a free port of 127.0.0.1. Every write is appended to its log and synced
 * before Redis answers (`appendfsync always`): a message the server acknowledged survives a restart,
 * even a crash.
 */
export async function startRedis(): Promise<RunningRedis> {
  const binary = redisBinary()
  const dir = mkdtempSync(join(tmpdir(), 'wirelab-redis-'))
  const port = await freePort()
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    ...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
  ]
  let child: ChildProcess | undefined
  const stop = async ({ crash = false } = {}) => {
    const running = child
    child = undefined
    await stopChild(running, crash ? 'SIGKILL' : 'SIGTERM')
  }
  const start = async () => {
    if (child) return
    let errors = ''
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    started.stdout?.on('data', (chunk) => (errors = `${errors}${chunk}`.slice(-4_000)))
    started.stderr?.on('data', (chunk) => (errors = `${errors}${chunk}`.slice(-4_000)))
    child = started
    const deadline = Date.now() + 10_000
    while (!(await answersPing(port))) {
      if (started.exitCode !== null || Date.now() > deadline) {
        await stop()
        throw new Error(`redis-server did not start on port ${port}:\n${errors}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async remove() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** True once Redis answers PING (and has loaded its data: it answers LOADING before). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.setTimeout(500)
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (reply) => {
      socket.destroy()
      resolve(reply.toString('latin1').startsWith('+PONG'))
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}
