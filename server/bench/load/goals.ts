import { withinCapacity } from './modes.ts'
import type { Lang } from './options.ts'
import { REPORT_TEXT } from './report-text.ts'
import type { StepResult } from './step.ts'
import type { ClientKind, TargetName } from './types.ts'

/** One row of the issue's target table. */
export interface Goal {
  what: string
  measured: string
  /** The bound issue 12 sets. */
  target: string
  /** null: not measured in this run (mode or columns left out, or no delivery). */
  met: boolean | null
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const kib = (bytes: number) => `${fixed(bytes / 1024, 1)} KiB`

/** The issue's targets, read from a run's steps (a row whose steps did not run says so). */
export function goals(results: StepResult[], p95LimitMs: number, lang: Lang = 'en'): Goal[] {
  const t = REPORT_TEXT[lang].goalRows
  const step = (mode: string, target: TargetName, transport: ClientKind, clients?: number) =>
    results.find(
      (r) =>
        r.mode === mode &&
        r.target === target &&
        r.transport === transport &&
        (clients === undefined || r.clients === clients) &&
        (r.delivered > 0 || r.idleRssPerConnection !== undefined),
    )
  const rows: Goal[] = []
  const fanoutSizes = [...new Set(results.filter((r) => r.mode === 'fanout').map((r) => r.clients))]
  const ratioRow = (
    what: string,
    transport: ClientKind,
    reference: TargetName,
    referenceTransport: ClientKind,
    clients: number,
    limit: number,
  ) => {
    const ours = step('fanout', 'wirelab', transport, clients)
    const theirs = step('fanout', reference, referenceTransport, clients)
    const ratio = ours && theirs ? ours.cpuPerMessageUs / theirs.cpuPerMessageUs : Number.NaN
    rows.push({
      what: `${what}, N=${clients}`,
      measured:
        ours && theirs
          ? `${fixed(ratio)}× (${fixed(ours.cpuPerMessageUs, 1)} ${t.vs} ${fixed(theirs.cpuPerMessageUs, 1)} µs)`
          : t.notMeasured,
      target: `≤ ${limit}×`,
      met: Number.isFinite(ratio) ? ratio <= limit : null,
    })
  }
  for (const clients of fanoutSizes) ratioRow(t.wsVsRaw, 'ws', 'raw-ws', 'ws', clients, 1.3)
  for (const clients of fanoutSizes) {
    const ours = step('fanout', 'wirelab', 'ws', clients)
    const sio = step('fanout', 'socketio', 'socketio', clients)
    rows.push({
      what: `${t.wsBelowSocketIo}, N=${clients}`,
      measured:
        ours && sio
          ? `${fixed(ours.cpuPerMessageUs, 1)} ${t.vs} ${fixed(sio.cpuPerMessageUs, 1)} µs`
          : t.notMeasured,
      target: '< Socket.IO',
      met: ours && sio ? ours.cpuPerMessageUs < sio.cpuPerMessageUs : null,
    })
  }
  for (const clients of fanoutSizes)
    ratioRow(t.sseVsMinimal, 'sse', 'minimal-sse', 'sse', clients, 1.5)
  const capacities: [ClientKind, string, number][] = [
    ['ws', 'WebSocket', 4000],
    ['sse', 'SSE', 4000],
    ['longpoll', t.longPolling, 1000],
  ]
  for (const [transport, name, target] of capacities) {
    const curve = results.filter(
      (r) => r.mode === 'capacity' && r.target === 'wirelab' && r.transport === transport,
    )
    const passed = curve.filter((r) => withinCapacity(r, p95LimitMs)).map((r) => r.clients)
    const capacity = passed.length > 0 ? Math.max(...passed) : 0
    const stoppedAtMax = curve.length > 0 && curve.every((r) => withinCapacity(r, p95LimitMs))
    rows.push({
      what: t.capacity(name, curve[0]?.rate ?? 10, p95LimitMs),
      measured:
        curve.length === 0 ? t.notMeasured : `${stoppedAtMax ? '≥ ' : ''}${capacity} ${t.clients}`,
      target: `≥ ${target}`,
      met: curve.length === 0 ? null : capacity >= target,
    })
  }
  // The issue's bounds, in kB of 1000 bytes.
  const idle: [ClientKind, TargetName, string, number][] = [
    ['ws', 'raw-ws', 'WebSocket', 12],
    ['sse', 'minimal-sse', 'SSE', 16],
  ]
  for (const [transport, reference, name, limitKb] of idle) {
    const memory = (target: TargetName) => {
      const found = step('idle', target, transport)
      if (found?.idleRssPerConnection === undefined) return undefined
      const rss = found.idleRssPerConnection
      return { rss, text: `${kib(rss)}; ${kib(found.idleHeapPerConnection ?? Number.NaN)}` }
    }
    const ours = memory('wirelab')
    const theirs = memory(reference)
    rows.push({
      what: t.idle(name),
      measured:
        ours === undefined
          ? t.notMeasured
          : `${ours.text}${theirs === undefined ? '' : ` (${reference} ${theirs.text})`}`,
      target: `≤ ${limitKb} kB`,
      met: ours === undefined ? null : ours.rss <= limitKb * 1000,
    })
  }
  const oursLatency = step('latency', 'wirelab', 'ws')
  const rawLatency = step('latency', 'raw-ws', 'ws')
  rows.push({
    what: t.latency,
    measured:
      oursLatency && rawLatency
        ? `${oursLatency.p50Ms} ${t.vs} ${rawLatency.p50Ms} ms`
        : t.notMeasured,
    // Timestamps are whole milliseconds: within one of 1.3× counts.
    target: t.latencyTarget,
    met:
      oursLatency && rawLatency
        ? oursLatency.p50Ms <= Math.max(1.3 * rawLatency.p50Ms, rawLatency.p50Ms + 1)
        : null,
  })
  for (const transport of ['ws', 'sse'] as const) {
    const ratio = meterRatio(results, transport)
    rows.push({
      what: t.meter(transport === 'ws' ? 'WebSocket' : 'SSE'),
      measured: Number.isFinite(ratio) ? fixed(ratio, 3) : t.notMeasured,
      target: '≥ 0.95',
      met: Number.isFinite(ratio) ? ratio >= 0.95 : null,
    })
  }
  return rows
}

/** Delivered messages per server CPU-second with the meter on ÷ off, over all repeats. */
export function meterRatio(results: StepResult[], transport: ClientKind): number {
  const throughput = (meter: boolean) => {
    const steps = results.filter(
      (r) =>
        r.mode === 'meter' && r.transport === transport && r.meter === meter && r.delivered > 0,
    )
    const delivered = steps.reduce((sum, r) => sum + r.delivered, 0)
    const cpuSeconds = steps.reduce((sum, r) => sum + r.serverCpuMs / 1000, 0)
    return delivered / cpuSeconds
  }
  return throughput(true) / throughput(false)
}
