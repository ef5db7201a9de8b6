/**
 * `npm run dev`: the server (restarted on change, API only) and Vite's dev server (hot reload,
 * proxying /api, /ws and /metrics to it). Ctrl+C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process'

const port = process.env.PORT ?? '3000'
const children: ChildProcess[] = [
  spawn('node_modules/.bin/tsx', ['watch', 'server/src/main.ts', '--api-only', '--port', port], {
    stdio: 'inherit',
  }),
  spawn('node_modules/.bin/vite', ['--config', 'web/vite.config.ts'], {
    stdio: 'inherit',
    env: { ...process.env, WIRELAB_SERVER: `http://localhost:${port}` },
  }),
]

const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
for (const child of children) {
  child.on('exit', (code) => {
    stop()
    process.exitCode = code ?? 0
  })
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
