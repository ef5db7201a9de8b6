import { parseArgs } from 'node:util'
import { readyWebUi } from '../web-ui/build.ts'
import { startCluster } from './cluster.ts'

const HELP = `npm run cluster -- [flags]: redis-server, N wirelab instances sharing its log, nginx in front.

  --instances N   wirelab instances (1 to 8; default 3)
  --sticky        nginx sends every request of one client address to the same instance (ip_hash);
                  without it, each request goes to the next instance in turn (round robin)
  --port N        nginx's port (default 8080; 0 = any free port)
  --host HOST     nginx's interface (default 127.0.0.1; 0.0.0.0 lets a class on the LAN in)
  --api-only      the instances serve the API only: no web UI, no build step
  -h, --help      show this help

Needs redis-server and nginx on this machine (see README, "Several instances").
Ctrl+C stops everything it started.
`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '3' },
      sticky: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const instances = Number(values.instances)
  const port = Number(values.port)
  if (!Number.isInteger(instances) || instances < 1 || instances > 8)
    throw new UsageError(`--instances must be 1 to 8 (got "${values.instances}")`)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0 to 65535 (got "${values.port}")`)
  const apiOnly = values['api-only']
  // Built once here: N instances building the page at once would write over each other.
  if (!apiOnly) await readyWebUi()
  console.log(`Starting redis-server, ${instances} instance(s) and nginx…`)
  const cluster = await startCluster({
    instances,
    sticky: values.sticky,
    port,
    host: values.host,
    ...(apiOnly && { instanceFlags: ['--api-only'] }),
    onOutput: (instance, line) => {
      if (/error|failed|refused/i.test(line)) console.log(`  [${instance}] ${line}`)
    },
  })
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    console.log('\nstopping nginx, the instances and redis-server…')
    cluster.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const url = cluster.url.replace(
    '127.0.0.1',
    values.host === '127.0.0.1' ? 'localhost' : values.host,
  )
  console.log(`wirelab cluster is running on ${url}`)
  console.log(
    `  nginx (${values.sticky ? 'sticky: ip_hash' : 'round robin, not sticky'}) in front of:`,
  )
  for (const instance of cluster.instances) console.log(`    ${instance.name}  ${instance.url}`)
  console.log(`  the log: redis-server at ${cluster.redis.url}`)
  console.log(`Operator token (whole-server actions): ${cluster.operatorToken}`)
  console.log('Press Ctrl+C to stop.')
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `cluster: ${error.message}` : error)
  process.exit(2)
})
