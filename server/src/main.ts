import QRCode from 'qrcode'
import { ConfigError, helpText, parseCli, redacted } from './config.ts'
import { lanAddresses } from './lan.ts'
import { openBrowser } from './open-browser.ts'
import { PortInUseError, type RunningServer, StoreUnreachableError, startServer } from './server.ts'
import { readyWebUi } from './web-ui/build.ts'

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2), process.env)
  if (cli.help) {
    process.stdout.write(helpText())
    return
  }
  const config = cli.apiOnly ? cli.config : { ...cli.config, webDist: await readyWebUi() }
  const running = await startServer(config).catch(async (error: unknown) => {
    // `npm run slides` while `npm start` runs: show the page on the server that is already up.
    const origin = `http://${config.host}:${config.port}`
    if (error instanceof PortInUseError && cli.open && (await isWirelab(origin))) {
      console.log(`wirelab already runs on ${origin}: opening ${origin}${cli.open}`)
      openBrowser(`${origin}${cli.open}`)
      return null
    }
    throw error
  })
  if (!running) return
  // Before anything is printed: whoever waits for the URL may signal at once.
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: closing connections…`)
    running.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  const link = config.token ? `${running.url}/?token=${config.token}` : running.url
  console.log(`wirelab is running on ${running.url}`)
  if (config.token) console.log(`  open ${link} (every transport needs the token)`)
  if (running.tls?.selfSigned) {
    console.log(
      '  (a self-signed certificate made just now: the browser warns once; accept it for this address to go on)',
    )
  }
  if (cli.open) openBrowser(`${running.url}${cli.open}`)
  if (cli.config.host === '0.0.0.0' || cli.config.host === '::') {
    for (const address of lanAddresses())
      console.log(`  on your network: ${new URL(running.url).protocol}//${address}:${running.port}`)
  }
  if (config.store) {
    console.log(
      `  the log is in Redis (${redacted(config.store)}); this instance is ${running.instance}`,
    )
  }
  console.log(`Operator token (whole-server actions): ${running.operatorToken}`)
  if (running.classroom) await printClass(running)
  console.log('Press Ctrl+C to stop.')
}

/**
 * Class mode: what the instructor projects (the join URL, its QR code, the code) and the
 * dashboard's link, which carries the operator token: for the instructor's eyes only.
 */
async function printClass(running: RunningServer): Promise<void> {
  const { classroom } = running
  if (!classroom) return
  const [first, ...others] = classroom.joinUrls
  console.log('')
  console.log(`Class mode. Students open ${first} (or scan the QR code) and type their name.`)
  for (const url of others) console.log(`  or ${url}`)
  console.log(`  class code: ${classroom.code}`)
  console.log(await QRCode.toString(first ?? '', { type: 'terminal', small: true }))
  const dashboard = new URL('/class', running.url)
  if (dashboard.hostname === '0.0.0.0' || dashboard.hostname === '[::]')
    dashboard.hostname = 'localhost'
  dashboard.searchParams.set('operator', running.operatorToken)
  console.log(`Instructor's dashboard (keep this link to yourself): ${dashboard}`)
}

async function isWirelab(origin: string): Promise<boolean> {
  const response = await fetch(`${origin}/api/time`, { signal: AbortSignal.timeout(2_000) }).catch(
    () => null,
  )
  return response?.ok === true
}

main().catch((error: unknown) => {
  const told =
    error instanceof ConfigError ||
    error instanceof PortInUseError ||
    error instanceof StoreUnreachableError
  console.error(told ? `wirelab: ${error.message}` : error)
  process.exit(2)
})
