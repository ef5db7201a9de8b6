/**
 * The page under load: the ticker at 200 messages/s for 30 s into one room, the lab page open in
 * Chromium. Prints whether every panel got every message, the main thread's busy share, long
 * tasks, and the size of the built JavaScript. Asserts nothing.
 *
 *   npm run bench:ui [-- --rate 200 --seconds 30]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { launchChromium } from '../../scripts/chromium.ts'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { startServer } from '../../server/src/server.ts'
import { openLab, panel, TRANSPORTS, waitForOpen } from '../e2e/lab-page.ts'
import { buildWebForTest } from '../e2e/web-build.ts'

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '30' } },
})
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds)
const ROOM = 'bench-ui'

const build = await buildWebForTest()
const assetsDir = join(build.dist, 'assets')
const assets = readdirSync(assetsDir)
// The page's entry is its module script (named after its Vite input, `main`); the rest is preloaded.
const entry = readFileSync(join(build.dist, 'index.html'), 'utf8').match(
  /<script type="module"[^>]*\ssrc="[^"]*assets\/([^"]+\.js)"/,
)?.[1]
if (!entry) throw new Error('the built index.html has no module script: the bench cannot size it')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const bytes = (name: string) => statSync(join(assetsDir, name)).size
/** A file too small to gain from compression has no .br or .gz: the server sends it as it is. */
const sent = (name: string, suffix: string) =>
  existsSync(join(assetsDir, name + suffix)) ? bytes(name + suffix) : bytes(name)
const sizeOf = (names: string[]) => {
  const sum = (size: (name: string) => number) => kb(names.reduce((all, n) => all + size(n), 0))
  return `${sum(bytes)} raw, ${sum((n) => sent(n, '.br'))} br, ${sum((n) => sent(n, '.gz'))} gzip`
}
/** A chunk and every chunk it imports statically: what the browser fetches to run it. */
const closure = (roots: string[]) => {
  const found = new Set<string>()
  const visit = (name: string) => {
    if (found.has(name)) return
    found.add(name)
    const code = readFileSync(join(assetsDir, name), 'utf8')
    for (const [, imported] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      if (imported) visit(imported)
    }
  }
  for (const root of roots) visit(root)
  return found
}
const chunk = (prefix: string) =>
  assets.find((name) => name.startsWith(prefix) && name.endsWith('.js'))
const initial = closure([entry])
const lazy = (roots: (string | undefined)[]) =>
  [...closure(roots.filter((root) => root !== undefined))].filter((name) => !initial.has(name))
console.log('Built JavaScript (as the server sends it: br or gzip)')
console.log(`  initial (${entry}, ${initial.size} files): ${sizeOf([...initial])}`)
const uplot = lazy([chunk('uPlot')])
console.log(`  lazy uPlot (${uplot.length} files): ${sizeOf(uplot)}`)
// A diagram loads mermaid's core, then the sequence diagram's own chunk.
const diagram = lazy([chunk('sequence-mermaid'), chunk('sequenceDiagram')])
console.log(`  lazy sequence diagram, mermaid (${diagram.length} files): ${sizeOf(diagram)}`)

const server = await startServer({
  ...DEFAULT_CONFIG,
  port: 0,
  host: '127.0.0.1',
  // --rate may go past what a page may ask for (200 msg/s) up to the ticker's 1000.
  tickerMaxForPages: 1000,
  webDist: build.dist,
})
const browser = await launchChromium()
try {
  const { page } = await openLab(browser, server.url, ROOM)
  await waitForOpen(page)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.evaluate(() => {
    const tasks: number[] = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration)
    }).observe({ type: 'longtask' })
    ;(window as unknown as { __longTasks: number[] }).__longTasks = tasks
  })
  const taskDuration = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[]
    }
    return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0
  }
  const busyBefore = await taskDuration()
  const started = Date.now()
  await fetch(`${server.url}/api/lab/ticker`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ room: ROOM, rate: RATE, size: 20 }),
  })
  // Responsiveness: how long the page takes to reach its next frame, asked once a second.
  const frameDelays: number[] = []
  while (Date.now() - started < SECONDS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    frameDelays.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const asked = performance.now()
            requestAnimationFrame(() => resolve(performance.now() - asked))
          }),
      ),
    )
  }
  await fetch(`${server.url}/api/lab/ticker`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ room: ROOM, rate: 0 }),
  })
  const busyShare = (await taskDuration()) - busyBefore
  const wallSeconds = (Date.now() - started) / 1000
  const sent = await server.feed.head(ROOM)
  const deadline = Date.now() + 30_000
  const received = async () =>
    Object.fromEntries(
      await Promise.all(
        TRANSPORTS.map(
          async (t) =>
            [t, Number((await panel(page, t).getAttribute('data-received')) ?? 0)] as const,
        ),
      ),
    )
  let counts = await received()
  while (Object.values(counts).some((count) => count < sent) && Date.now() < deadline) {
    await page.waitForTimeout(250)
    counts = await received()
  }
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  )
  console.log(`\nTicker ${RATE} msg/s for ${SECONDS} s: the server appended ${sent} messages`)
  for (const transport of TRANSPORTS) {
    const count = counts[transport] ?? 0
    console.log(
      `  ${transport.padEnd(8)} received ${count}${count === sent ? '  (all)' : `  (${sent - count} missing)`}`,
    )
  }
  console.log(
    `Main thread busy ${((busyShare / wallSeconds) * 100).toFixed(1)} % of ${wallSeconds.toFixed(1)} s;` +
      ` long tasks (>50 ms): ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`,
  )
  frameDelays.sort((a, b) => a - b)
  const median = frameDelays[Math.floor(frameDelays.length / 2)] ?? 0
  console.log(
    `Next frame after a request: median ${median.toFixed(0)} ms, worst ${(frameDelays.at(-1) ?? 0).toFixed(0)} ms (${frameDelays.length} probes)`,
  )
} finally {
  await browser.close()
  await server.close()
  build.remove()
}
