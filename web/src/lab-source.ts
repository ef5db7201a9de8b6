import type { ClassState } from '../../server/src/class/protocol.ts'
import type {
  KillResult,
  NetworkBody,
  RoomNetwork,
  RoomSettings,
} from '../../server/src/protocol.ts'
import type { ChatMessage } from './lib/chat-message.ts'
import type { OffsetEstimate } from './lib/clock-offset.ts'
import type { ExchangeLog, Transport } from './lib/exchange.ts'
import type { SendRequest } from './lib/send-error.ts'
import type { WireStats } from './lib/wire-stats.ts'

/** The transports that run over a WebSocket, whose frames the inspector shows. */
export type FrameTransport = Extract<Transport, 'ws' | 'socketio'>

/** What a panel's badge shows. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'paused' | 'closed'

/** The server's name and version (`event: hello` of the page's channel). */
export interface ServerInfo {
  name: string
  version: string
  node: string
  /** Several instances behind a proxy: the one this page's channel (and its meter) is on. */
  instance?: string
}

/** What the page learns from the server. */
export type LabEvent =
  | { type: 'state'; transport: Transport; state: ConnectionState }
  /** Several instances behind a proxy: the one that served the transport's last answer. */
  | { type: 'instance'; transport: Transport; instance: string }
  /** Client ms (monotonic epoch clock): when it arrived, and when its connection began. */
  | {
      type: 'message'
      transport: Transport
      message: ChatMessage
      /** The log it belongs to: a restarted server (memory store) starts a new one at seq 1. */
      epoch: string
      arrivedAt: number
      liveSince: number
    }
  | { type: 'history'; epoch: string; messages: ChatMessage[] }
  /**
   * What the transport's cursor saw: seqs never received, seqs received twice, and how often the
   * server said its log had started over (a restart with the memory store).
   */
  | { type: 'continuity'; transport: Transport; missing: number; repeated: number; resets: number }
  | { type: 'wire'; stats: WireStats }
  /** `settled`: the first burst of the estimate is over (before, its ± is still the loading page's). */
  | { type: 'offset'; estimate: OffsetEstimate; settled: boolean }
  /** The server answered (with its info, once) or stopped answering. */
  | { type: 'server'; reachable: boolean; info?: ServerInfo }
  /** The room's shared settings, at once and whenever any page of the room changes them. */
  | { type: 'room'; settings: RoomSettings }
  /** The room's network conditions: the transports it routes through a shaping proxy. */
  | { type: 'network'; network: RoomNetwork }
  /** Class mode: the class's settings, experiment, clear and this student's mute, on every change. */
  | { type: 'class'; state: ClassState }
  /** One WebSocket frame exactly as on the wire; `at`: server ms. */
  | {
      type: 'frame'
      transport: FrameTransport
      direction: 'in' | 'out'
      bytes: Uint8Array
      at: number
    }
  /** The server closed this page's connections of a transport ("drop connection"). */
  | { type: 'drop'; transport: Transport; result: KillResult }
  /**
   * After a drop, the first request on a new connection. `pageSawError`: the page's client failed
   * and reconnected itself; otherwise the browser re-sent the request on its own.
   */
  | {
      type: 'next-connection'
      transport: Transport
      conn: number
      afterMs: number
      pageSawError: boolean
      /** When the page saw the failure: the wait its client drew before trying again. */
      retryInMs?: number
    }

/** The knobs a learner turns during a lab; the ticker's are the room's, shared by every page. */
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

/**
 * Chosen so that each panel's sentence is what the page then measures: a message every 5 s and a
 * poll every second leave most polls empty, and rank bytes per message poll > long poll > SSE ≥ WS.
 */
export const DEFAULT_CONTROLS: LabControls = {
  pollIntervalMs: 1000,
  longPollTimeoutMs: 25_000,
  wsHeartbeatMs: 15_000,
  tickerRate: 0.2,
  tickerSize: 20,
  paused: false,
}

/** The seam between the page and the server (and what a slide embeds). */
export interface LabSource {
  /** This page's random id, sent as `client=ID` so the meter reports per page. */
  readonly client: string
  readonly room: string
  start(): void
  stop(): void
  subscribe(listener: (event: LabEvent) => void): () => void
  send(request: SendRequest): Promise<{ seq: number }>
  /** `GET /api/lab/exchanges?client=ID&transport=T[&after=N]`. */
  exchanges(transport: Transport, after?: number): Promise<ExchangeLog>
  /** Has the server close the transport's connections, then reports the next one. */
  drop(transport: Transport): Promise<void>
  /** Stops one transport's client; resuming starts it again from its cursor. */
  setPaused(transport: Transport, paused: boolean): void
  /** The page's own settings, and the room's ticker when the learner changed it. */
  configure(controls: LabControls): void
  /** Zeroes this page's counters on the server's meter. */
  resetMeter(): Promise<void>
  /** Changes the room's network conditions for one transport (`POST /api/lab/network`). */
  setNetwork(transport: Transport, change: NetworkChange): Promise<void>
}

/** What a page may change of a transport's network conditions. */
export type NetworkChange = Omit<NetworkBody, 'room' | 'transport'>
