import { networkInterfaces } from 'node:os'
import { ConfigError, helpText, parseCli } from './config.ts'
import { startServer } from './server.ts'

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2), process.env)
  if (cli.help) {
    process.stdout.write(helpText())
    return
  }
  const running = await startServer(cli.config)
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
