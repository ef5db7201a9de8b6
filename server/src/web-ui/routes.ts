import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.ts'

/** Vite puts a content hash in every asset name, so an asset never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * The built web UI at `/` (and its assets), when there is one; without a build, `/` shows the API
 * page so that the server is still useful on its own. The build wrote a `.br` and a `.gz` beside
 * each text file (web/vite-plugins/precompress.ts): a browser that accepts one gets it.
 */
export function webUiRoutes(distDir: string | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  if (!distDir || !existsSync(join(distDir, 'index.html'))) {
    return app.get('/', (c) => c.redirect('/api'))
  }
  // Class mode's two pages, at the short addresses the terminal prints (the query kept: ?code=).
  for (const page of ['/join', '/class']) {
    app.get(page, (c) => c.redirect(`${page}/${new URL(c.req.url).search}`))
  }
  // serveStatic resolves a relative root against the working directory.
  const root = relative(process.cwd(), distDir) || '.'
  app.use('/*', async (c, next) => {
    await next()
    if (!c.res.ok) return
    // serveStatic says Vary only when it sends a compressed file; a cache must know it for both.
    c.header('Vary', 'Accept-Encoding')
    if (c.req.path.startsWith('/assets/')) c.header('Cache-Control', IMMUTABLE)
    // The page names the hashed assets, so it is asked again each time: a rebuild shows at once.
    else if (c.res.headers.get('Content-Type')?.startsWith('text/html')) {
      c.header('Cache-Control', 'no-cache')
    }
  })
  // precompressed: for `Accept-Encoding` tokens without a q-value (what browsers send), br first.
  app.use('/*', serveStatic({ root, precompressed: true }))
  return app
}
