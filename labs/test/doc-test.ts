import { spawn } from 'node:child_process'
import { type AddressInfo, connect, createServer } from 'node:net'
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
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

/** One `before:`/`during:` directive of a doctest block: an HTTP request to the lab's server. */
export interface Directive {
  when: 'before' | 'during'
  delayMs: number
  method: string
  path: string
  body?: unknown
}

/**
 * `let: EPOCH = GET /api/history?room=lab-03 .epoch`: a value the student reads off an earlier
 * output and types into a command (the lab says which); CI reads it from the server instead.
 */
export interface Variable {
  name: string
  path: string
  field: string
}

export function parseVariables(block: LabBlock): Variable[] {
  return block.content
    .split('\n')
    .map((line) => /^let:\s+([A-Z_]+)\s*=\s*GET\s+(\S+)\s+\.(\w+)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      name: match[1] as string,
      path: match[2] as string,
      field: match[3] as string,
    }))
}

export async function resolve(variable: Variable, origin: URL): Promise<string> {
  const body = (await (await fetch(new URL(variable.path, origin))).json()) as Record<
    string,
    unknown
  >
  return String(body[variable.field])
}

export function parseDirectives(block: LabBlock): Directive[] {
  const directives: Directive[] = []
  for (const line of block.content.split('\n').map((l) => l.trim())) {
    if (line === '' || /^(page|let|serve|walk|languages):/.test(line)) continue
    const match = /^(before|during):\s+(?:(\d+)\s+)?(GET|POST)\s+(\S+)(?:\s+(.+))?$/.exec(line)
    if (!match) throw new Error(`doctest: cannot read "${line}"`)
    directives.push({
      when: match[1] as 'before' | 'during',
      delayMs: Number(match[2] ?? 0),
      method: match[3] as string,
      path: match[4] as string,
      ...(match[5] !== undefined && { body: JSON.parse(match[5]) }),
    })
  }
  return directives
}

export async function perform(directive: Directive, origin: URL): Promise<void> {
  const response = await fetch(new URL(directive.path, origin), {
    method: directive.method,
    ...(directive.body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(directive.body),
    }),
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
