import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The web UI's folder, and where `vite build` puts the page the server serves. */
export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url))
export const WEB_DIST = join(WEB_ROOT, 'dist')

// The labs' texts are built into the page too (the drawer beside the panels shows them), and the
// slides are the build's second page.
const SOURCES = [
  'src',
  'index.html',
  'slides',
  'join',
  'class',
  'vite.config.ts',
  'vite-plugins',
  'public',
  '../labs',
  '../slides',
]

/** True when there is no built page, or a source of it changed after the last build. */
export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html')
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  return SOURCES.some((name) => newestChange(join(WEB_ROOT, name)) > builtAt)
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)))
  return newest
}

/** Builds the page with Vite (the first `npm start`, or after a change). */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite')
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' })
}

/** Builds the web UI when it is missing or older than its sources; the API works without it. */
export async function readyWebUi(log = console.log): Promise<string | undefined> {
  if (!webBuildIsStale()) return WEB_DIST
  log('Building the web UI (first start or changed sources)…')
  try {
    await buildWeb()
    return WEB_DIST
  } catch (error) {
    console.error('The web UI could not be built; serving the API only.', error)
    return undefined
  }
}
