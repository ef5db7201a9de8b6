import { withinCapacity } from './modes.ts'
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
export function goals(results: StepResult[], p95LimitMs: number): Goal[] {
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
          ? `${fixed(ratio)}× (${fixed(ours.cpuPerMessageUs, 1)} vs ${fixed(theirs.cpuPerMessageUs, 1)} µs)`
          : 'not measured',
      target: `≤ ${limit}×`,
      met: Number.isFinite(ratio) ? ratio <= limit : null,
    })
  }
  for (const clients of fanoutSizes)
    ratioRow('WebSocket CPU per message ÷ raw ws', 'ws', 'raw-ws', 'ws', clients, 1.3)
  for (const clients of fanoutSizes) {
    const ours = step('fanout', 'wirelab', 'ws', clients)
    const sio = step('fanout', 'socketio', 'socketio', clients)
    rows.push({
      what: `WebSocket CPU per message below Socket.IO's, N=${clients}`,
      measured:
        ours && sio
          ? `${fixed(ours.cpuPerMessageUs, 1)} vs ${fixed(sio.cpuPerMessageUs, 1)} µs`
          : 'not measured',
      target: '< Socket.IO',
      met: ours && sio ? ours.cpuPerMessageUs < sio.cpuPerMessageUs : null,
    })
  }
  for (const clients of fanoutSizes)
    ratioRow('SSE CPU per message ÷ minimal SSE', 'sse', 'minimal-sse', 'sse', clients, 1.5)
  const capacities: [ClientKind, string, number][] = [
    ['ws', 'WebSocket', 4000],
    ['sse', 'SSE', 4000],
    ['longpoll', 'long polling', 1000],
  ]
  for (const [transport, name, target] of capacities) {
    const curve = results.filter(
      (r) => r.mode === 'capacity' && r.target === 'wirelab' && r.transport === transport,
    )
    const passed = curve.filter((r) => withinCapacity(r, p95LimitMs)).map((r) => r.clients)
    const capacity = passed.length > 0 ? Math.max(...passed) : 0
    const stoppedAtMax = curve.length > 0 && curve.every((r) => withinCapacity(r, p95LimitMs))
    rows.push({
      what: `${name} capacity at ${curve[0]?.rate ?? 10} msg/s, p95 ≤ ${p95LimitMs} ms`,
      measured:
        curve.length === 0 ? 'not measured' : `${stoppedAtMax ? '≥ ' : ''}${capacity} clients`,
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
    const ours = step('idle', 'wirelab', transport)?.idleRssPerConnection
    const theirs = step('idle', reference, transport)?.idleRssPerConnection
    rows.push({
      what: `memory per idle ${name} connection (server RSS)`,
      measured:
        ours === undefined
          ? 'not measured'
          : `${kib(ours)}${theirs === undefined ? '' : ` (${reference} ${kib(theirs)})`}`,
      target: `≤ ${limitKb} kB`,
      met: ours === undefined ? null : ours <= limitKb * 1000,
    })
  }
  const oursLatency = step('latency', 'wirelab', 'ws')
  const rawLatency = step('latency', 'raw-ws', 'ws')
  rows.push({
    what: 'one subscriber, WebSocket latency p50 vs raw ws',
    measured:
      oursLatency && rawLatency ? `${oursLatency.p50Ms} vs ${rawLatency.p50Ms} ms` : 'not measured',
    // Timestamps are whole milliseconds: within one of 1.3× counts.
    target: '≤ 1.3× raw ws (± 1 ms)',
    met:
      oursLatency && rawLatency
        ? oursLatency.p50Ms <= Math.max(1.3 * rawLatency.p50Ms, rawLatency.p50Ms + 1)
        : null,
  })
  for (const transport of ['ws', 'sse'] as const) {
    const ratio = meterRatio(results, transport)
    rows.push({
      what: `meter on ÷ off, ${transport === 'ws' ? 'WebSocket' : 'SSE'} messages per server CPU-second`,
      measured: Number.isFinite(ratio) ? fixed(ratio, 3) : 'not measured',
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
