import { spawn } from 'node:child_process'

/**
 * Opens `url` in the user's browser: `$BROWSER` when set (a command that takes the URL), else the
 * system's opener. Never fails the caller: without a browser the URL is printed to open by hand.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const [command, ...args] = env.BROWSER
    ? [env.BROWSER, url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url.replaceAll('&', '^&')]
        : ['xdg-open', url]
  const manual = () => console.log(`Open ${url} in your browser.`)
  try {
    const child = spawn(command as string, args, { stdio: 'ignore', detached: true })
    child.on('error', manual)
    child.on('exit', (code) => {
      if (code !== 0) manual()
    })
    child.unref()
  } catch {
    manual()
  }
}
