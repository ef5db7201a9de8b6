import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.ts'

/**
 * The built web UI at `/` (and its assets), when there is one; without a build, `/` shows the API
 * page so that the server is still useful on its own.
 */
export function webUiRoutes(distDir: string | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  if (!distDir || !existsSync(join(distDir, 'index.html'))) {
    return app.get('/', (c) => c.redirect('/api'))
  }
  // serveStatic resolves a relative root against the working directory.
  const root = relative(process.cwd(), distDir) || '.'
  app.use('/assets/*', async (c, next) => {
    await next()
    // Vite puts a content hash in every asset name, so they never change.
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('/*', serveStatic({ root }))
  return app
}
