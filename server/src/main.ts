import { networkInterfaces } from 'node:os'
import { ConfigError, helpText, parseCli } from './config.ts'
import { startServer } from './server.ts'
import { buildWeb, WEB_DIST, webBuildIsStale } from './web-ui/build.ts'

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2), process.env)
  if (cli.help) {
    process.stdout.write(helpText())
    return
  }
  const config = cli.apiOnly ? cli.config : { ...cli.config, webDist: await readyWebUi() }
  const running = await startServer(config)
  console.log(`wirelab is running on ${running.url}`)
  if (cli.config.host === '0.0.0.0' || cli.config.host === '::') {
    for (const address of lanAddresses())
      console.log(`  on your network: http://${address}:${running.port}`)
  }
  console.log('Press Ctrl+C to stop.')
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: closing connections…`)
    running.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/** Builds the web UI when it is missing or older than its sources; the API works without it. */
async function readyWebUi(): Promise<string | undefined> {
  if (!webBuildIsStale()) return WEB_DIST
  console.log('Building the web UI (first start or changed sources)…')
  try {
    await buildWeb()
    return WEB_DIST
  } catch (error) {
    console.error('The web UI could not be built; serving the API only.', error)
    return undefined
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => info?.address as string)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `wirelab: ${error.message}` : error)
  process.exit(2)
})
