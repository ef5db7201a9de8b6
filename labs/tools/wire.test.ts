import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'

const WIRE = fileURLToPath(new URL('./wire.mjs', import.meta.url))

/** wire.mjs as the student runs it, in the given language; resolves with all it printed. */
function wire(args: string[], language = 'en'): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WIRE, ...args],
      { env: { ...process.env, WIRELAB_LANG: language } },
      (_error, stdout, stderr) => resolve(stdout + stderr),
    )
  })
}

interface Wire {
  countStatuses(statuses: string[]): string
}

describe('wire.mjs', () => {
  let server: RunningServer
  beforeAll(async () => {
    // One send a second, bursts of two: the third of three quick posts is refused.
    server = await startServer({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      sendRatePerClient: 1,
    })
  })
  afterAll(() => server?.close())

  it('adds each --header line to a WebSocket upgrade, and shows the 403 a foreign Origin gets', async () => {
    const ws = server.url.replace('http', 'ws')
    const output = await wire([
      'ws',
      `${ws}/ws?room=wire-test`,
      '--header',
      'Origin: http://evil.example',
      '--header',
      'X-Lab: 11',
    ])
    expect(output).toContain(
      '→ Sec-WebSocket-Version: 13\\r\\n\n→ Origin: http://evil.example\\r\\n\n→ X-Lab: 11\\r\\n\n→ \\r\\n',
    )
    expect(output).toContain('← HTTP/1.1 403 Forbidden\\r\\n')
    expect(output).toContain('"code":"forbidden"')
  })

  it('counts the answers of --repeat when they differ, and only then', async () => {
    const url = `${server.url}/api/messages?client=wire-test`
    const mixed = await wire([
      'post',
      url,
      'room=wire-test',
      'user=ana',
      'text=oi',
      '--repeat',
      '3',
    ])
    expect(mixed).toMatch(/\nanswers: 201 × 2, 429 × 1\n$/)
    const same = await wire(['http', `${server.url}/api/time`, '--repeat', '2'])
    expect(same).not.toContain('answers:')
  })

  it('writes counts in the order each status first came', async () => {
    const { countStatuses } = (await import(WIRE)) as Wire
    expect(countStatuses(['201', '201', '429', '201', '429'])).toBe('201 × 3, 429 × 2')
  })

  it('prints its usage in the student’s language, --header among the ws options', async () => {
    expect(await wire(['--help'], 'pt-BR')).toMatch(/^Uso:[\s\S]*ws URL \[--header "Nome: valor"\]/)
    expect(await wire(['--help'], 'en')).toMatch(/^Usage:[\s\S]*ws URL \[--header "Name: value"\]/)
  })
})

describe('wire.mjs --cookies', () => {
  let server: RunningServer
  let dir: string
  beforeAll(async () => {
    server = await startServer({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      classMode: true,
      classCode: 'WIRE13',
    })
    dir = mkdtempSync(join(tmpdir(), 'wire-cookies-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    return server?.close()
  })

  it('keeps the cookie a class sets at the join, and sends it with the next request and upgrade, as a browser does', async () => {
    const jar = join(dir, 'ana.cookies')
    const joined = await wire(
      ['post', `${server.url}/api/class/join`, 'code=WIRE13', 'name=Ana', '--cookies', jar],
      'pt-BR',
    )
    expect(joined).toContain('← HTTP/1.1 201 Created')
    expect(joined).toContain(`(${jar} agora guarda o cookie wirelab_student)`)
    const session = /^wirelab_student=([\w-]+)\n$/.exec(readFileSync(jar, 'utf8'))?.[1]
    expect(session).toBeDefined()
    const me = await wire(['http', `${server.url}/api/class/me`, '--cookies', jar])
    expect(me).toContain(`→ Cookie: wirelab_student=${session}\\r\\n`)
    expect(me).toContain('"role":"student"')
    expect(me).not.toContain('now holds')
    const ws = server.url.replace('http', 'ws')
    const upgrade = await wire(['ws', `${ws}/ws?room=class`, '--cookies', jar, '--for', '0.5'])
    expect(upgrade).toContain(`→ Cookie: wirelab_student=${session}\\r\\n`)
    expect(upgrade).toContain('"type":"hello"')
  })
})

describe('wire.mjs --say behind a load balancer', () => {
  let server: RunningServer
  beforeAll(async () => {
    // One instance of a cluster, named as `npm run cluster` names them (lab 14).
    server = await startServer({ ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', instance: 'i2' })
  })
  afterAll(() => server?.close())

  it('says which instance stored the message it posted meanwhile', async () => {
    const ws = server.url.replace('http', 'ws')
    const output = await wire(['ws', `${ws}/ws?room=wire-say`, '--say', 'oi', '--for', '0.5'])
    expect(output).toMatch(
      /\(meanwhile, on another connection: POST \/api\/messages \{"room":"wire-say","user":"ana","text":"oi"\} → 201 \{"seq":1,"ts":\d+\}; x-wirelab-instance: i2\)/,
    )
    expect(output).toContain('"instance":"i2"')
  })
})
