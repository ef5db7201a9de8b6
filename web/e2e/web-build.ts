import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { WEB_ROOT } from '../../server/src/web-ui/build.ts'

/** Builds the web UI into a fresh folder (never web/dist, which a running `npm start` may serve). */
export async function buildWebForTest(): Promise<{ dist: string; remove(): void }> {
  const dist = mkdtempSync(join(tmpdir(), 'wirelab-e2e-'))
  await build({
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true },
  })
  return { dist, remove: () => rmSync(dist, { recursive: true, force: true }) }
}
