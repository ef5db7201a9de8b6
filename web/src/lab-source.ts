import type { ChatMessage } from './lib/chat-message.ts'
import type { OffsetEstimate } from './lib/clock-offset.ts'
import type { ExchangeLog, Transport } from './lib/exchange.ts'
import type { WireStats } from './lib/wire-stats.ts'

/** What a panel's badge shows. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed'

/** Everything the page learns, from the live server (phase 2) or from the demo. */
export type LabEvent =
  | { type: 'state'; transport: Transport; state: ConnectionState }
  /** `arrivedAt`: client ms (monotonic epoch clock) when the transport handed the message over. */
  | { type: 'message'; transport: Transport; message: ChatMessage; arrivedAt: number }
  | { type: 'history'; messages: ChatMessage[] }
  /** What the transport's cursor saw: seqs never received, and seqs received twice. */
  | { type: 'continuity'; transport: Transport; missing: number; repeated: number }
  | { type: 'wire'; stats: WireStats }
  | { type: 'offset'; estimate: OffsetEstimate }
  /** One WebSocket frame exactly as on the wire; `at`: server ms. */
  | { type: 'frame'; direction: 'in' | 'out'; bytes: Uint8Array; at: number }

/** The knobs a learner turns during a lab. */
export interface LabControls {
  /** How often short polling asks. */
  pollIntervalMs: number
  /** The `timeout` a long poll asks the server to hold it for. */
  longPollTimeoutMs: number
  /** WebSocket ping interval; 0 turns heartbeats off. */
  wsHeartbeatMs: number
  /** Ticker messages per second (`POST /api/lab/ticker`); 0 turns it off. */
  tickerRate: number
  /** Bytes of text per ticker message. */
  tickerSize: number
  /** Stops the ticker without forgetting its rate. */
  paused: boolean
}

export const DEFAULT_CONTROLS: LabControls = {
  pollIntervalMs: 3000,
  longPollTimeoutMs: 25_000,
  wsHeartbeatMs: 15_000,
  tickerRate: 0.5,
  tickerSize: 20,
  paused: false,
}

/** The seam between the page and where its data comes from. */
export interface LabSource {
  readonly mode: 'demo' | 'live'
  /** This page's random id, sent as `client=ID` so the meter reports per page. */
  readonly client: string
  start(): void
  stop(): void
  subscribe(listener: (event: LabEvent) => void): () => void
  send(transport: Transport, user: string, text: string): Promise<{ seq: number }>
  /** `GET /api/lab/exchanges?client=ID&transport=T`. */
  exchanges(transport: Transport): Promise<ExchangeLog>
  /** Closes the transport's connection so the learner watches it reconnect. */
  drop(transport: Transport): void
  /** Stops one transport's client; resuming starts it again from its cursor. */
  setPaused(transport: Transport, paused: boolean): void
  configure(controls: LabControls): void
}
