import type { StoreStatus } from '../feed/feed.ts'
import { METER_CATEGORIES, type MeterCategory, type StatsSnapshot } from '../protocol.ts'
import { LIVE_KINDS, type LiveGauges } from './live-gauges.ts'

type Sample = [labels: string, value: number]

/** The meter in the Prometheus text exposition format (counters named `wirelab_*`). */
export function toPrometheus(
  stats: StatsSnapshot,
  openSockets: Map<MeterCategory, number>,
  live: LiveGauges,
  subscriptions: number,
  network: { proxies: number; cuts: number } = { proxies: 0, cuts: 0 },
  store: StoreStatus = { kind: 'memory', up: true, outages: 0 },
): string {
  const t = stats.transports
  const each = (pick: (category: MeterCategory) => number): Sample[] =>
    METER_CATEGORIES.map((category) => [`transport="${category}"`, pick(category)])
  const lines: string[] = []
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const [labels, value] of samples) {
      lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`)
    }
  }
  metric(
    'wirelab_bytes_total',
    'counter',
    'Bytes on the wire (TCP payload), by transport and direction.',
    [
      ...METER_CATEGORIES.map((c): Sample => [`transport="${c}",direction="in"`, t[c].bytesIn]),
      ...METER_CATEGORIES.map((c): Sample => [`transport="${c}",direction="out"`, t[c].bytesOut]),
    ],
  )
  metric(
    'wirelab_requests_total',
    'counter',
    'HTTP requests (a WebSocket upgrade counts one).',
    each((c) => t[c].requests),
  )
  metric(
    'wirelab_empty_responses_total',
    'counter',
    'Poll and long-poll answers with no message.',
    each((c) => t[c].emptyResponses),
  )
  metric(
    'wirelab_connections_total',
    'counter',
    'TCP connections that carried this transport.',
    each((c) => t[c].connections),
  )
  metric(
    'wirelab_messages_total',
    'counter',
    'Messages delivered to clients (for send: appended).',
    each((c) => t[c].messages),
  )
  metric(
    'wirelab_slow_consumer_drops_total',
    'counter',
    'Connections dropped because the client left more than --send-buffer bytes unread.',
    each((c) => t[c].slowDrops),
  )
  metric('wirelab_ws_handshake_bytes_total', 'counter', 'Bytes of WebSocket upgrade handshakes.', [
    ['direction="in"', t.ws.handshakeBytesIn],
    ['direction="out"', t.ws.handshakeBytesOut],
  ])
  metric('wirelab_ws_frames_total', 'counter', 'WebSocket frames, control frames included.', [
    ['direction="in"', t.ws.framesIn],
    ['direction="out"', t.ws.framesOut],
  ])
  metric(
    'wirelab_open_connections',
    'gauge',
    'TCP connections open now, by the transport they last served.',
    each((c) => openSockets.get(c) ?? 0),
  )
  metric(
    'wirelab_live',
    'gauge',
    'What the server holds open for clients now: SSE and stats streams, held long polls, stats timers.',
    LIVE_KINDS.map((kind): Sample => [`kind="${kind}"`, live.count(kind)]),
  )
  metric('wirelab_feed_subscriptions', 'gauge', 'Live subscriptions to the feed, every room.', [
    ['', subscriptions],
  ])
  metric(
    'wirelab_shaping_proxies',
    'gauge',
    'Shaping proxies running now (network conditions: rooms × transports, draining ones included).',
    [['', network.proxies]],
  )
  metric(
    'wirelab_shaped_cuts_total',
    'counter',
    'Connections the shaping proxies cut (random drops, going offline).',
    [['', network.cuts]],
  )
  metric(
    'wirelab_store_up',
    'gauge',
    'The message store can be reached (1) or not (0: sends and reads answer 503).',
    [[`store="${store.kind}"`, store.up ? 1 : 0]],
  )
  metric('wirelab_store_outages_total', 'counter', 'Times the store was lost since start.', [
    ['', store.outages],
  ])
  if (store.deliveryLagMs) {
    const lag = store.deliveryLagMs
    metric(
      'wirelab_store_delivery_lag_ms',
      'gauge',
      `From a message's append on any instance to its delivery here, over the last ${lag.samples} messages (clocks of one machine; across machines their offset adds in).`,
      [
        ['quantile="0.5"', lag.p50],
        ['quantile="1"', lag.max],
      ],
    )
  }
  const memory = process.memoryUsage()
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the server process.', [
    ['', memory.rss],
  ])
  metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [['', memory.heapUsed]])
  return `${lines.join('\n')}\n`
}
