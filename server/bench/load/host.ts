/**
 * One server under test in a process of its own (started by `target-process.ts`): it starts the
 * target named in argv, then answers the bench's IPC requests with its own CPU time, memory and
 * socket byte totals, so that every server is measured the same way on every OS.
 *
 *   node --import tsx server/bench/load/host.ts <target> '{"meter":true}'
 *   (the JSON is the target's options: `TargetOptions`)
 */
import type { Socket } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { START_TARGET } from './targets/index.ts'
import type { TargetOptions } from './targets/target.ts'
import { type HostReply, type HostRequest, TARGETS, type TargetName } from './types.ts'

const send = (reply: HostReply) => process.send?.(reply)

const name = process.argv[2] as TargetName
if (!TARGETS.includes(name)) {
  send({ type: 'failed', error: `unknown target "${name}"; one of ${TARGETS.join(', ')}` })
  process.exit(2)
}
const options = JSON.parse(process.argv[3] ?? '{}') as Partial<TargetOptions>

let target: Awaited<ReturnType<(typeof START_TARGET)[TargetName]>>
try {
  target = await START_TARGET[name]({ ...options, meter: options.meter !== false })
} catch (error) {
  send({ type: 'failed', error: String((error as Error).stack ?? error) })
  process.exit(1)
}

// Bytes of connections already closed, plus the live ones read at each sample.
const open = new Set<Socket>()
let closedWritten = 0
let closedRead = 0
target.server.on('connection', (socket: Socket) => {
  open.add(socket)
  socket.once('close', () => {
    open.delete(socket)
    closedWritten += socket.bytesWritten
    closedRead += socket.bytesRead
  })
})

const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()

function sample(gc: boolean) {
  if (gc) globalThis.gc?.()
  let bytesWritten = closedWritten
  let bytesRead = closedRead
  for (const socket of open) {
    bytesWritten += socket.bytesWritten
    bytesRead += socket.bytesRead
  }
  const memory = process.memoryUsage()
  const delayMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
  loopDelay.reset()
  return {
    cpu: process.cpuUsage(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    bytesWritten,
    bytesRead,
    openConnections: open.size,
    loopDelayMs: delayMs,
  }
}

async function stop(): Promise<never> {
  await Promise.race([target.close(), new Promise((resolve) => setTimeout(resolve, 3000))])
  process.exit(0)
}

process.on('message', async (request: HostRequest) => {
  try {
    if (request.type === 'sample')
      send({ id: request.id, type: 'sample', sample: sample(request.gc === true) })
    else if (request.type === 'rate') {
      await target.setRate(request.room, request.rate, request.size)
      send({ id: request.id, type: 'done' })
    } else if (request.type === 'produced')
      send({ id: request.id, type: 'done', produced: await target.produced(request.room) })
    else if (request.type === 'stop') {
      send({ id: request.id, type: 'done' })
      await stop()
    }
  } catch (error) {
    send({ id: request.id, type: 'done', error: String(error) })
  }
})
// The bench gone (killed, crashed) closes the channel: no server outlives it.
process.on('disconnect', () => void stop())
send({ type: 'ready', url: target.url, pid: process.pid })
