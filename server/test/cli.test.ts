import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { killTree, ownProcessGroup } from '../../exercises/grader/kill-tree.ts'
import { freePort } from '../src/net/free-port.ts'
import { onCleanup, openWs } from './harness.ts'

function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; output: () => string } {
  // Node with tsx's loader, not tsx's CLI: the signals a test sends reach the server itself (tsx's
  // CLI relays one and, when its child has not confirmed it within 30 ms — a loaded machine —
  // kills it: exit 143). Its own process group all the same, so that nothing it starts outlives it.
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), 'server/src/main.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      ...ownProcessGroup,
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  onCleanup(() => killTree(child))
  return { child, output: () => output }
}

async function waitForUrl(output: () => string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const match = /running on (http:\/\/\S+)/.exec(output())
    if (match?.[1]) return match[1]
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no URL printed:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * `promise`, or an error naming the step that never came, what the server printed and which of
 * its processes were still there (tsx and the server it runs: which one held on).
 */
function within<T>(
  step: string,
  promise: Promise<T>,
  output: () => string,
  child?: ChildProcess,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const group = child?.pid
        ? spawnSync('ps', ['-o', 'pid,ppid,stat,etime,args', '-g', String(child.pid)], {
            encoding: 'utf8',
          }).stdout
        : ''
      reject(new Error(`${step}: nothing for 25 s\n${output()}\n${group}`))
    }, 25_000)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

describe('npm start (server/src/main.ts)', () => {
  it('prints its URL, serves, and on SIGTERM closes WebSockets with 1001 and exits 0', async () => {
    const { child, output } = startCli(['--port', '0', '--host', '127.0.0.1', '--api-only'])
    const url = await waitForUrl(output, child)
    const time = (await (await fetch(`${url}/api/time`)).json()) as { now: number }
    expect(time.now).toBeGreaterThan(0)
    const ws = openWs(`${url.replace('http', 'ws')}/ws`)
    await within('the WebSocket opening', ws.opened, output)
    // Listened for before the signal: on a loaded machine the process may be gone by the time
    // the close frame has been read, and an 'exit' already emitted never comes again.
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    expect((await within('the close frame', ws.closed, output)).code).toBe(1001)
    const [code] = await within('the exit', exited, output, child)
    expect(code).toBe(0)
    // Its own start (tsx compiling the server) takes seconds on a loaded machine.
  }, 60_000)

  it('in class mode prints the join URL with the code, its QR code and the dashboard’s link', async () => {
    const args = ['--class-code', 'clitest', '--port', '0', '--host', '127.0.0.1', '--api-only']
    const { child, output } = startCli(args)
    const url = await waitForUrl(output, child)
    const dashboard = await within(
      'the dashboard link',
      (async () => {
        for (;;) {
          const link = /dashboard \(keep this link to yourself\): (\S+)/.exec(output())?.[1]
          if (link) return link
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })(),
      output,
    )
    expect(output()).toContain(`Students open ${url}/join?code=CLITEST`)
    expect(output()).toContain('class code: CLITEST')
    // The QR code: half blocks on the terminal.
    expect(output()).toMatch(/[▀▄█]{7}/)
    const opened = await fetch(dashboard, { redirect: 'manual' })
    expect(opened.status).toBe(302)
    expect(opened.headers.get('set-cookie')).toMatch(/^wirelab_operator=/)
    child.kill('SIGTERM')
  }, 60_000)

  it('exits 0 on SIGTERM past the grace, whatever its clients hold open', async () => {
    const { child, output } = startCli(['--port', '0', '--host', '127.0.0.1', '--api-only'])
    const { port } = new URL(await waitForUrl(output, child))
    const holders = await Promise.all([
      // A WebSocket whose peer completes the handshake, then never answers a frame, close included.
      rawSocket(Number(port), handshake('/ws')),
      // A refused upgrade whose client never closes its side.
      rawSocket(Number(port), handshake('/api/sse')),
      // A request whose head never ends.
      rawSocket(Number(port), ['GET /api/time HTTP/1.1', 'Host: 127.0.0.1']),
    ])
    await expect.poll(() => holders[0]?.received(), { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 101/)
    const started = Date.now()
    child.kill('SIGTERM')
    // ws would wait 30 s for the close frame that never comes: the grace (1.5 s) cuts it short.
    const [code] = await Promise.race([
      once(child, 'exit'),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('still running')), 15_000),
      ),
    ])
    console.log(`SIGTERM to exit with three clients holding on: ${Date.now() - started} ms`)
    expect(code).toBe(0)
  }, 30_000)

  it('opens a page in the browser with --open, on itself or on the wirelab already running', async () => {
    // $BROWSER stands in for the student's browser: a program that writes down what it opened.
    const dir = mkdtempSync(join(tmpdir(), 'wirelab-open-'))
    onCleanup(() => rmSync(dir, { recursive: true, force: true }))
    const opened = join(dir, 'opened.txt')
    const browser = join(dir, 'browser.sh')
    writeFileSync(browser, `#!/bin/sh\necho "$1" >> "${opened}"\n`, { mode: 0o755 })
    const env = { ...process.env, BROWSER: browser }
    const first = startCli(
      ['--port', '0', '--host', '127.0.0.1', '--api-only', '--open', '/slides/'],
      env,
    )
    const url = await waitForUrl(first.output, first.child)
    await expect.poll(() => readIfThere(opened)).toBe(`${url}/slides/\n`)
    // `npm run slides` while the server runs: no second server, the deck opens on the first.
    const port = new URL(url).port
    const second = startCli(
      ['--port', port, '--host', '127.0.0.1', '--api-only', '--open', '/slides/?lang=pt-BR'],
      env,
    )
    const [code] = await once(second.child, 'exit')
    expect(code).toBe(0)
    expect(second.output()).toContain(`wirelab already runs on http://127.0.0.1:${port}`)
    await expect.poll(() => readIfThere(opened)).toBe(`${url}/slides/\n${url}/slides/?lang=pt-BR\n`)
  })

  it('refuses a bad flag with a sentence naming it and exit code 2', async () => {
    const { child, output } = startCli(['--port', 'eighty'])
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(output()).toContain('--port must be an integer from 0 to 65535 (got "eighty")')
  })

  it('with --store, says which Redis does not answer and how to go on, exit code 2', async () => {
    const port = await freePort()
    const args = ['--store', `redis://127.0.0.1:${port}`, '--port', '0', '--api-only']
    const { child, output } = startCli(args)
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(output()).toContain(
      `cannot reach the Redis store at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}): start redis-server, or leave --store out`,
    )
  })
})

const readIfThere = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '')

/** A TCP client that writes `lines` (CRLF-joined) and then only listens, never closing its side. */
async function rawSocket(port: number, lines: string[]): Promise<{ received: () => string }> {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true })
  await once(socket, 'connect')
  let received = ''
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  socket.write(lines.join('\r\n'))
  onCleanup(() => socket.destroy())
  return { received: () => received }
}

/** The lines of a WebSocket handshake to `path`, blank line included. */
function handshake(path: string): string[] {
  return [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ]
}
