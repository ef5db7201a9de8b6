import { loadavg } from 'node:os'
import { sleep } from './clients/client.ts'
import { Delivery, type LoadClient, OPEN_CLIENT } from './clients/index.ts'
import type { TargetPool, TargetProcess } from './target-process.ts'
import { type Column, columnLabel, type HostSample } from './types.ts'

export type ModeName = 'fanout' | 'capacity' | 'idle' | 'latency' | 'meter'

/** One measurement: N clients of one column, a rate, a window. */
export interface StepSpec {
  mode: ModeName
  column: Column
  clients: number
  rate: number
  size: number
  warmupMs: number
  durationMs: number
  pollIntervalMs: number
  /** wirelab's meter (`--no-meter` when false). */
  meter: boolean
  /** The open file limit of this process (each client is one descriptor). */
  fileLimit: number
}

export interface StepResult {
  mode: ModeName
  target: Column['target']
  transport: Column['transport']
  label: string
  meter: boolean
  clients: number
  connected: number
  failedToConnect: number
  connectError?: string
  rate: number
  size: number
  windowSeconds: number
  expectedPerSecond: number
  deliveredPerSecond: number
  delivered: number
  produced: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  serverCpuMs: number
  cpuPerMessageUs: number
  bytesOutPerMessage: number
  bytesInPerMessage: number
  /** Seqs a client skipped: never delivered. */
  lost: number
  /** Messages still on their way when the drain ended (a server or client that fell behind). */
  late: number
  duplicated: number
  errors: number
  rssBytes: number
  heapUsedBytes: number
  /** Idle mode: (after − before) ÷ connected, with a GC before each reading. */
  idleRssPerConnection?: number
  idleHeapPerConnection?: number
  /** The load generator's own CPU over the window, % of one core: near 100 it was the limit. */
  generatorCpuPercent: number
  loadAverage: number[]
  /** Latencies of the window, `[ms, count]`. */
  latencyHistogram: [number, number][]
}

const CONNECT_BATCH = 200
/** Idle mode's connections opened, and not counted, before its measured ones. */
const idleWarmupClients = (spec: StepSpec) =>
  spec.mode === 'idle' ? Math.ceil(spec.clients / 2) : 0
/** Descriptors this process needs besides its clients. */
const SPARE_FILES = 200
/** How long, at most, the last messages may take to arrive after the producer stops. */
const DRAIN_MS = 5_000
let rooms = 0

async function openClients(spec: StepSpec, url: string, delivery: Delivery) {
  const room = `load-${process.pid}-${++rooms}`
  const clients: LoadClient[] = []
  let failed = 0
  let firstError: string | undefined
  for (let opened = 0; opened < spec.clients; opened += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, spec.clients - opened) }, () =>
      OPEN_CLIENT[spec.column.transport]({
        target: spec.column.target,
        url,
        room,
        pollIntervalMs: spec.pollIntervalMs,
        subscriber: delivery.subscriber(),
      }),
    )
    clients.push(...batch)
    for (const outcome of await Promise.allSettled(batch.map((client) => client.ready))) {
      if (outcome.status === 'fulfilled') continue
      failed++
      firstError ??= String(outcome.reason?.message ?? outcome.reason)
    }
  }
  return { room, clients, failed, firstError }
}

const cpuMs = (from: HostSample, to: HostSample) =>
  (to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) / 1000

/** Runs one step against the pool's host for its column; never throws for a failing server. */
export async function runStep(spec: StepSpec, pool: TargetPool): Promise<StepResult> {
  // Memory per idle connection needs a server whose heap no earlier step has grown.
  const host = await (spec.mode === 'idle'
    ? pool.fresh(spec.column.target, spec.meter)
    : pool.get(spec.mode, spec.column, spec.meter))
  const delivery = new Delivery()
  const base = baseOf(spec)
  if (spec.clients + idleWarmupClients(spec) + SPARE_FILES > spec.fileLimit) {
    return failedStep(
      spec,
      `${spec.clients} clients need more open files than ulimit -n ${spec.fileLimit}`,
    )
  }
  // Idle mode weighs what one more connection costs: the first ones also pay for what a server
  // allocates once, whatever its count (its young generation growing to full size, code compiled).
  const warmup =
    spec.mode === 'idle'
      ? await openClients({ ...spec, clients: idleWarmupClients(spec) }, host.url, delivery)
      : undefined
  await settle(host)
  const idleBefore = spec.mode === 'idle' ? await host.sample(true) : undefined
  const { room, clients, failed, firstError } = await openClients(spec, host.url, delivery)
  clients.push(...(warmup?.clients ?? []))
  const connected = spec.clients - failed
  try {
    if (idleBefore) {
      await sleep(spec.warmupMs)
      const after = await host.sample(true)
      return {
        ...emptyResult(base, firstError),
        connected,
        failedToConnect: failed,
        rssBytes: after.rssBytes,
        heapUsedBytes: after.heapUsedBytes,
        idleRssPerConnection: (after.rssBytes - idleBefore.rssBytes) / connected,
        idleHeapPerConnection: (after.heapUsedBytes - idleBefore.heapUsedBytes) / connected,
      }
    }
    await host.setRate(room, spec.rate, spec.size)
    await sleep(spec.warmupMs)
    const from = await host.sample()
    const generatorFrom = process.cpuUsage()
    const startedAt = performance.now()
    delivery.recording = true
    await sleep(spec.durationMs)
    delivery.recording = false
    const windowSeconds = (performance.now() - startedAt) / 1000
    const generator = process.cpuUsage(generatorFrom)
    const to = await host.sample()
    await host.setRate(room, 0, spec.size)
    const produced = await host.produced(room)
    // In-flight messages land, a poller comes round once more.
    const drainUntil = Date.now() + Math.max(DRAIN_MS, 2 * spec.pollIntervalMs)
    while (!delivery.caughtUp(produced) && Date.now() < drainUntil) await sleep(50)
    const delivered = delivery.deliveredInWindow
    const histogram = delivery.histogram
    return {
      ...base,
      connected,
      failedToConnect: failed,
      ...(firstError && { connectError: firstError }),
      windowSeconds,
      expectedPerSecond: spec.rate * connected,
      deliveredPerSecond: delivered / windowSeconds,
      delivered,
      produced,
      p50Ms: histogram.percentile(50),
      p95Ms: histogram.percentile(95),
      p99Ms: histogram.percentile(99),
      maxMs: histogram.percentile(100),
      serverCpuMs: cpuMs(from, to),
      cpuPerMessageUs: (cpuMs(from, to) * 1000) / delivered,
      bytesOutPerMessage: (to.bytesWritten - from.bytesWritten) / delivered,
      bytesInPerMessage: (to.bytesRead - from.bytesRead) / delivered,
      lost: delivery.lost(),
      late: delivery.late(produced),
      duplicated: delivery.duplicated(),
      errors: delivery.errors,
      rssBytes: to.rssBytes,
      heapUsedBytes: to.heapUsedBytes,
      generatorCpuPercent:
        ((generator.user + generator.system) / 1000 / (windowSeconds * 1000)) * 100,
      loadAverage: loadavg(),
      latencyHistogram: histogram.sparse(),
    }
  } finally {
    for (const client of clients) client.close()
    if (spec.mode === 'idle') await host.stop()
    // Let the server see the clients go before the next step measures it.
    await sleep(100)
  }
}

const baseOf = (spec: StepSpec): Base => ({
  mode: spec.mode,
  target: spec.column.target,
  transport: spec.column.transport,
  label: columnLabel(spec.column) + (spec.meter ? '' : ' (no meter)'),
  meter: spec.meter,
  clients: spec.clients,
  rate: spec.rate,
  size: spec.size,
})

/** A step that measured nothing, and why. */
export const failedStep = (spec: StepSpec, why: string): StepResult =>
  emptyResult(baseOf(spec), why)

/**
 * Waits (10 s at most) until the server has let the last step's clients go and its CPU is
 * quiet, so that no step pays for the one before it.
 */
async function settle(host: TargetProcess): Promise<void> {
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    const from = await host.sample()
    await sleep(250)
    const to = await host.sample()
    if (to.openConnections <= 2 && cpuMs(from, to) < 25) return
  }
}

type Base = Pick<
  StepResult,
  'mode' | 'target' | 'transport' | 'label' | 'meter' | 'clients' | 'rate' | 'size'
>

function emptyResult(base: Base, connectError?: string): StepResult {
  return {
    ...base,
    connected: 0,
    failedToConnect: base.clients,
    ...(connectError && { connectError }),
    windowSeconds: 0,
    expectedPerSecond: 0,
    deliveredPerSecond: 0,
    delivered: 0,
    produced: 0,
    p50Ms: Number.NaN,
    p95Ms: Number.NaN,
    p99Ms: Number.NaN,
    maxMs: Number.NaN,
    serverCpuMs: 0,
    cpuPerMessageUs: Number.NaN,
    bytesOutPerMessage: Number.NaN,
    bytesInPerMessage: Number.NaN,
    lost: 0,
    late: 0,
    duplicated: 0,
    errors: 0,
    rssBytes: 0,
    heapUsedBytes: 0,
    generatorCpuPercent: 0,
    loadAverage: loadavg(),
    latencyHistogram: [],
  }
}
