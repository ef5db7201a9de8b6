import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { stopChild } from './child.ts'
import { type RunningNginx, startNginx } from './nginx.ts'
import { type RunningRedis, startRedis } from './redis-server.ts'

export interface ClusterOptions {
  /** wirelab instances behind nginx. */
  instances: number
  /** nginx sends each client address to one instance (ip_hash); else round robin. */
  sticky?: boolean
  /** nginx's port (0: a free one) and interface. */
  port?: number
  host?: string
  /** Open connections one client address may hold, in nginx (default 500: the instances' own). */
  maxConnectionsPerIp?: number
  /** More flags for every instance (`--api-only`, `--ticker-max 500`, …). */
  instanceFlags?: string[]
  /** Where an instance's output goes (the CLI prefixes it with the instance's name). */
  onOutput?: (instance: string, line: string) => void
}

/** One wirelab instance, a process of its own; stop it to see its clients move to another. */
export interface ClusterInstance {
  name: string
  /** Its port, known once it has started (the same at every later start). */
  readonly port: number
  readonly url: string
  readonly running: boolean
  /** SIGKILL, as a crash: nothing is closed cleanly. `graceful`: SIGTERM, the server's own stop. */
  stop(options?: { graceful?: boolean }): Promise<void>
  start(): Promise<void>
}

export interface RunningCluster {
  /** nginx's address: what clients (and the page) open. */
  url: string
  /** Every instance's operator token (whole-server actions land on any of them). */
  operatorToken: string
  redis: RunningRedis
  nginx: RunningNginx
  instances: ClusterInstance[]
  stop(): Promise<void>
}

const MAIN = new URL('../main.ts', import.meta.url).pathname

/**
 * redis-server, N wirelab instances sharing its log (`--store`), nginx in front (`--trust-proxy`:
 * the instances read each client's address from nginx). Everything runs on 127.0.0.1 but nginx,
 * which listens where told; everything started is stopped by `stop()`, by its PID.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const redis = await startRedis()
  const operatorToken = randomBytes(18).toString('base64url')
  const flags = ['--operator-token', operatorToken, ...(options.instanceFlags ?? [])]
  const instances: ClusterInstance[] = []
  try {
    for (let i = 1; i <= options.instances; i++) {
      const name = `i${i}`
      const shared = ['--store', redis.url, '--instance', name, '--trust-proxy', '127.0.0.1']
      const instance = wirelabProcess(name, [...shared, ...flags], options.onOutput)
      instances.push(instance)
    }
    await Promise.all(instances.map((instance) => instance.start()))
    const nginx = await startNginx(
      instances.map((instance) => `127.0.0.1:${instance.port}`),
      {
        sticky: options.sticky ?? false,
        ...(options.maxConnectionsPerIp !== undefined && {
          maxConnectionsPerIp: options.maxConnectionsPerIp,
        }),
        ...(options.port !== undefined && { port: options.port }),
        ...(options.host !== undefined && { host: options.host }),
      },
    )
    return {
      url: nginx.url,
      operatorToken,
      redis,
      nginx,
      instances,
      async stop() {
        await nginx.stop()
        await Promise.all(instances.map((instance) => instance.stop({ graceful: true })))
        await redis.remove()
      },
    }
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()))
    await redis.remove()
    throw error
  }
}

/**
 * A wirelab server in a process of its own on 127.0.0.1 (`npm start -- FLAGS`), started by
 * `start()`: a cluster's instance, or a bench's lone server.
 */
export function wirelabProcess(
  name: string,
  flags: string[],
  onOutput?: ClusterOptions['onOutput'],
): ClusterInstance {
  // Port 0 the first time: the instance takes a free one itself (two ports found free in advance
  // could be the same one), and says which; a restart takes it again.
  let port = 0
  const args = () => [
    ...['--import', import.meta.resolve('tsx'), MAIN],
    ...['--host', '127.0.0.1', '--port', String(port)],
    ...flags,
  ]
  let child: ChildProcess | undefined
  const stop = async ({ graceful = false } = {}) => {
    const running = child
    child = undefined
    await stopChild(running, graceful ? 'SIGTERM' : 'SIGKILL')
  }
  return {
    name,
    get port() {
      return port
    },
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get running() {
      return child !== undefined && child.exitCode === null
    },
    stop,
    async start() {
      if (child) return
      const started = spawn(process.execPath, args(), { stdio: ['ignore', 'pipe', 'pipe'] })
      child = started
      let output = ''
      const onData = (chunk: Buffer) => {
        output = `${output}${chunk}`.slice(-8_000)
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line !== '') onOutput?.(name, line)
        }
      }
      started.stdout?.on('data', onData)
      started.stderr?.on('data', onData)
      const deadline = Date.now() + 60_000
      const listening = () => /wirelab is running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      while (!listening()) {
        if (started.exitCode !== null || Date.now() > deadline) {
          await stop()
          throw new Error(`instance ${name} did not start:\n${output}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      port = Number(listening()?.[1])
    },
  }
}
