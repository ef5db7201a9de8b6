import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { freePort } from '../../server/src/net/free-port.ts'
import type { LabBlock } from '../../web/src/labs/lab-doc.ts'

/** What a lab's commands say the student will see, against what they printed. */
export interface BlockRun {
  command: string
  output: string
  code: number | null
}

const REPO = new URL('../../', import.meta.url).pathname

/**
 * Runs one `sh` block as the student would, with the server at `origin` instead of
 * http://localhost:3000; its output is written back with localhost:3000, as a student sees it.
 */
export function runCommand(
  command: string,
  origin: URL,
  language: string,
  servers: ServedProgram[] = [],
  timeoutMs = 30_000,
): Promise<BlockRun> {
  const here = `${origin.hostname}:${origin.port}`
  let line = command.replaceAll('localhost:3000', here)
  for (const server of servers) line = line.replaceAll(`localhost:${server.port}`, server.here)
  const child = spawn('bash', ['-c', line], {
    cwd: REPO,
    // The student's system speaks the lab's language; the project's tools answer in it.
    env: { ...process.env, WIRELAB_LANG: language, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer)
      let shown = output.replaceAll(here, 'localhost:3000')
      for (const server of servers)
        shown = shown.replaceAll(server.here, `localhost:${server.port}`)
      resolve({ command, output: shown, code })
    })
  })
}

/**
 * `serve: 8080 npx tsx labs/06-echo-server/echo-server.ts`: a program the student started in
 * another terminal (their own server, say). CI starts it on a free port, given as PORT, and the
 * step's `localhost:8080` means that port.
 */
export interface ServedProgram {
  port: number
  here: string
  stop(): void
}

export function parseServes(block: LabBlock): { port: number; command: string }[] {
  return block.content
    .split('\n')
    .map((line) => /^serve:\s+(\d+)\s+(.+)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ port: Number(match[1]), command: match[2] as string }))
}

export async function serve(port: number, command: string): Promise<ServedProgram> {
  const free = await freePort()
  const child = spawn('bash', ['-c', command], {
    cwd: REPO,
    detached: true,
    env: { ...process.env, PORT: String(free) },
    stdio: 'ignore',
  })
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 20_000
  while (!(await accepts(free))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      stop()
      throw new Error(`serve: "${command}" did not listen on its PORT within 20 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { port, here: `127.0.0.1:${free}`, stop }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * The lab's server as CI runs it: where it is, and the operator token it printed at start. A lab on
 * a cluster (front matter `cluster:`) is reached through nginx, and names its Redis too.
 */
export interface LabServer {
  origin: URL
  operatorToken?: string
  cluster?: { redisUrl: string }
}

/**
 * One `before:`/`during:` directive of a doctest block: an HTTP request to the lab's server;
 * `operator` (`before: operator POST …`): the instructor's, with the operator token.
 */
export interface Directive {
  when: 'before' | 'during'
  delayMs: number
  operator?: true
  method: string
  path: string
  body?: unknown
}

/**
 * `let: EPOCH = GET /api/history?room=lab-03 .epoch`: a value the student reads off an earlier
 * output and types into a command (the lab says which); CI reads it from the server instead.
 * `let: TOKEN = operator token`: the operator token the server printed when it started.
 * `let: REDIS_URL = cluster redis url`: the Redis URL `npm run cluster` printed.
 */
export type Variable =
  | { name: string; path: string; field: string }
  | { name: string; operator: true }
  | { name: string; clusterRedis: true }

export function parseVariables(block: LabBlock): Variable[] {
  const variables: Variable[] = []
  for (const line of block.content.split('\n').map((l) => l.trim())) {
    const fromServer = /^let:\s+([A-Z_]+)\s*=\s*GET\s+(\S+)\s+\.(\w+)$/.exec(line)
    if (fromServer) {
      const [, name = '', path = '', field = ''] = fromServer
      variables.push({ name, path, field })
    }
    const token = /^let:\s+([A-Z_]+)\s*=\s*operator token$/.exec(line)
    if (token) variables.push({ name: token[1] as string, operator: true })
    const redis = /^let:\s+([A-Z_]+)\s*=\s*cluster redis url$/.exec(line)
    if (redis) variables.push({ name: redis[1] as string, clusterRedis: true })
  }
  return variables
}

export async function resolve(variable: Variable, server: LabServer): Promise<string> {
  if ('operator' in variable) {
    if (!server.operatorToken) throw new Error(`let: ${variable.name}: no operator token`)
    return server.operatorToken
  }
  if ('clusterRedis' in variable) {
    if (!server.cluster) throw new Error(`let: ${variable.name}: the lab runs on no cluster`)
    return server.cluster.redisUrl
  }
  const text = await (await fetch(new URL(variable.path, server.origin))).text()
  // Engine.IO's open packet is its type, 0, then JSON: `0{"sid":"…",…}`.
  const body = JSON.parse(text.replace(/^0(?=\{)/, '')) as Record<string, unknown>
  return String(body[variable.field])
}

export function parseDirectives(block: LabBlock): Directive[] {
  const directives: Directive[] = []
  for (const line of block.content.split('\n').map((l) => l.trim())) {
    if (line === '' || /^(page|let|serve|walk|languages):/.test(line)) continue
    const match =
      /^(before|during):\s+(?:(\d+)\s+)?(?:(operator)\s+)?(GET|POST)\s+(\S+)(?:\s+(.+))?$/.exec(
        line,
      )
    if (!match) throw new Error(`doctest: cannot read "${line}"`)
    directives.push({
      when: match[1] as 'before' | 'during',
      delayMs: Number(match[2] ?? 0),
      ...(match[3] !== undefined && { operator: true as const }),
      method: match[4] as string,
      path: match[5] as string,
      ...(match[6] !== undefined && { body: JSON.parse(match[6]) }),
    })
  }
  return directives
}

export async function perform(directive: Directive, server: LabServer): Promise<void> {
  const headers: Record<string, string> = {}
  if (directive.body !== undefined) headers['content-type'] = 'application/json'
  if (directive.operator) {
    if (!server.operatorToken) throw new Error(`doctest ${directive.path}: no operator token`)
    headers.authorization = `Bearer ${server.operatorToken}`
  }
  const response = await fetch(new URL(directive.path, server.origin), {
    method: directive.method,
    headers,
    ...(directive.body !== undefined && { body: JSON.stringify(directive.body) }),
  })
  if (!response.ok) {
    throw new Error(
      `doctest ${directive.method} ${directive.path}: ${response.status} ${await response.text()}`,
    )
  }
}

/**
 * Does the output show what the lab says it will? Each expected line must match an output line,
 * in order; `…` inside a line matches any text, a line of only `…` any number of lines.
 */
export function matchesExpected(expected: string, output: string): boolean {
  const want = expected.replace(/\n$/, '').split('\n')
  const got = output
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.trimEnd())
  const lineRegex = (line: string) =>
    new RegExp(`^${line.trimEnd().split('…').map(escapeRegex).join('.*')}$`)
  const patterns = want.map((line) => (line.trim() === '…' ? null : lineRegex(line)))
  const memo = new Map<string, boolean>()
  const match = (w: number, g: number): boolean => {
    const key = `${w},${g}`
    const known = memo.get(key)
    if (known !== undefined) return known
    let result: boolean
    if (w === patterns.length) result = g === got.length
    else {
      const pattern = patterns[w] ?? null
      if (pattern === null) result = match(w + 1, g) || (g < got.length && match(w, g + 1))
      else result = g < got.length && pattern.test(got[g] as string) && match(w + 1, g + 1)
    }
    memo.set(key, result)
    return result
  }
  return match(0, 0)
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
