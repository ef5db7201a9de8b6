import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { type IncomingHttpHeaders, request } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sequenceOnlyCore } from '../../web/vite-plugins/mermaid-sequence-only.ts'
import { precompress } from '../../web/vite-plugins/precompress.ts'
import { getStats, onCleanup, rawSocket, startTestServer } from './harness.ts'

describe('the web UI at /', () => {
  it('serves the built page and its hashed assets, counted as control', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'wirelab-dist-'))
    onCleanup(() => rmSync(dist, { recursive: true, force: true }))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wirelab</title>')
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
    const { url } = await startTestServer({ webDist: dist })
    const page = await fetch(`${url}/?client=ui`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>wirelab</title>')
    const asset = await fetch(`${url}/assets/index-abc123.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const stats = (await (await fetch(`${url}/api/stats?client=ui`)).json()) as {
      transports: { control: { requests: number }; poll: { requests: number } }
    }
    expect(stats.transports.control.requests).toBeGreaterThanOrEqual(1)
    expect(stats.transports.poll.requests).toBe(0)
  })

  it('sends / to the API page when there is no build', async () => {
    const { url } = await startTestServer()
    const response = await fetch(url, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/api')
    const api = await fetch(`${url}/api`, { headers: { 'Accept-Language': 'pt-BR,pt;q=0.9' } })
    const html = await api.text()
    expect(html).toContain('wirelab — a API')
    expect(html).toContain('/api/longpoll')
  })
})

/** What Chromium sends. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd'
const IMMUTABLE = 'public, max-age=31536000, immutable'

describe('the web UI, compressed at build time and chosen per request', () => {
  let site: { dist: string; script: string; remove(): void }
  const file = (name: string) => readFileSync(join(site.dist, name))
  beforeAll(async () => {
    site = await buildSmallSite()
  })
  afterAll(() => site.remove())

  it('the build writes a .br and a .gz beside the page and each script: the same bytes, fewer', () => {
    for (const name of ['index.html', site.script]) {
      const original = file(name)
      expect(brotliDecompressSync(file(`${name}.br`))).toEqual(original)
      expect(gunzipSync(file(`${name}.gz`))).toEqual(original)
      expect(file(`${name}.br`).length).toBeLessThan(original.length)
      expect(file(`${name}.gz`).length).toBeLessThan(original.length)
    }
  })

  it('sends a browser the brotli script, typed as JavaScript, with Vary and the immutable cache', async () => {
    const { url } = await startTestServer({ webDist: site.dist })
    const response = await get(`${url}/${site.script}`, { 'accept-encoding': BROWSER_ENCODINGS })
    expect(response.status).toBe(200)
    expect(response.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': String(file(`${site.script}.br`).length),
      vary: 'Accept-Encoding',
      'cache-control': IMMUTABLE,
    })
    expect(brotliDecompressSync(response.body)).toEqual(file(site.script))
  })

  it('sends gzip when br is not accepted, and the page itself as no-cache', async () => {
    const { url } = await startTestServer({ webDist: site.dist })
    const response = await get(`${url}/`, { 'accept-encoding': 'gzip' })
    expect(response.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'text/html; charset=utf-8',
      vary: 'Accept-Encoding',
      'cache-control': 'no-cache',
    })
    expect(gunzipSync(response.body)).toEqual(file('index.html'))
  })

  it('sends the file as it is without Accept-Encoding, or when br and gzip are refused', async () => {
    const { url } = await startTestServer({ webDist: site.dist })
    const requests: Record<string, string>[] = [{}, { 'accept-encoding': 'br;q=0, gzip;q=0' }]
    for (const headers of requests) {
      const response = await get(`${url}/${site.script}`, headers)
      expect(response.headers['content-encoding']).toBeUndefined()
      expect(response.headers.vary).toBe('Accept-Encoding')
      expect(response.body).toEqual(file(site.script))
    }
  })

  it('counts under control the compressed bytes that crossed the socket, not the size on disk', async () => {
    const { url, port } = await startTestServer({ webDist: site.dist })
    const socket = await rawSocket(port)
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    const ended = new Promise((resolve) => socket.once('end', resolve))
    socket.write(
      `GET /${site.script}?client=zip HTTP/1.1\r\nHost: wirelab\r\n` +
        `Accept-Encoding: br\r\nConnection: close\r\n\r\n`,
    )
    await ended
    const onTheWire = Buffer.concat(received)
    const body = onTheWire.subarray(onTheWire.indexOf('\r\n\r\n') + 4)
    expect(brotliDecompressSync(body)).toEqual(file(site.script))
    const { control } = (await getStats(url, 'zip')).transports
    expect(control.bytesOut).toBe(onTheWire.length)
    expect(control.bytesOut).toBeLessThan(file(site.script).length)
    console.log(
      `  ${site.script}: ${file(site.script).length} B on disk, ${control.bytesOut} B on the wire (br)`,
    )
  })
})

describe("mermaid for the lab's sequence diagrams", () => {
  const corePath = createRequire(import.meta.url).resolve('mermaid')
  const core = readFileSync(corePath, 'utf8')

  it('is the installed core without the imports only other diagram types use', () => {
    const lean = sequenceOnlyCore(core, corePath)
    expect(lean).not.toMatch(/^import "/m)
    expect(lean).not.toMatch(/^import \{[^}]*\b(registerLayoutLoaders|registerIconPacks)\b/m)
    expect(lean).toContain(
      'const registerLayoutLoaders = notInSequenceOnly("registerLayoutLoaders")',
    )
    // The diagrams themselves are still there, each loaded when a diagram of its type is drawn.
    expect(lean).toMatch(/import\("\.\/chunks\/mermaid\.core\/sequenceDiagram-\w+\.mjs"\)/)
    expect(lean).toMatch(/import\("\.\/chunks\/mermaid\.core\/flowDiagram-\w+\.mjs"\)/)
  })

  it('fails the build, naming what is missing, when a mermaid upgrade moved those imports', () => {
    const moved = core.replace(/^import \{\s*registerIconPacks\s*\} from "[^"]+";\n/m, '')
    expect(moved).not.toBe(core)
    expect(() => sequenceOnlyCore(moved, corePath)).toThrow(
      `${corePath} no longer imports registerIconPacks: update HANDED_ON`,
    )
  })
})

/** A real Vite build, with the precompress plugin, of a page and one large script. */
async function buildSmallSite() {
  const root = mkdtempSync(join(tmpdir(), 'wirelab-site-'))
  const lines = Array.from({ length: 2000 }, (_, i) => `message ${i}: long polling holds it`)
  writeFileSync(join(root, 'main.js'), `document.body.textContent = ${JSON.stringify(lines)}`)
  const panels = ['poll', 'longpoll', 'sse', 'ws'].map((t) => `<wl-panel data-transport="${t}">`)
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><title>wirelab</title><script type="module" src="/main.js"></script>
    <main>${panels.join('</wl-panel>\n')}</wl-panel></main>`,
  )
  const dist = join(root, 'dist')
  await build({ root, configFile: false, logLevel: 'error', plugins: [precompress()] })
  const script = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js'))
  if (!script) throw new Error(`the build wrote no script in ${dist}/assets`)
  return {
    dist,
    script: `assets/${script}`,
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}

/** A GET that neither adds an Accept-Encoding nor decodes the body, unlike fetch. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      )
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}
