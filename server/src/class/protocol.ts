/**
 * Class mode's part of the wire contract (DESIGN.md, "Class mode"): types shared by the server and
 * the web pages (join, dashboard, the lab page), and the schemas of what a page sends.
 */
import { z } from 'zod'
import { clientIdSchema, TRANSPORTS, type Transport } from '../protocol.ts'
import { type CLASS_ROOM, MAX_REPORT_SAMPLES, MAX_RESULT_SAMPLES } from './limits.ts'

export {
  CLASS_ROOM,
  MAX_REPORT_SAMPLES,
  MAX_RESULT_SAMPLES,
  REPORT_INTERVAL_MS,
  RESULT_FIELDS,
  type ResultField,
} from './limits.ts'

/** Who a request comes from in class mode. */
export type ClassRole = 'student' | 'instructor'

/** The page settings the instructor sets for every student page (their controls are locked). */
export interface ClassSettings {
  tickerRate: number
  tickerSize: number
  pollIntervalMs: number
  longPollTimeoutMs: number
  wsHeartbeatMs: number
}

export const DEFAULT_CLASS_SETTINGS: ClassSettings = {
  tickerRate: 0.2,
  tickerSize: 20,
  pollIntervalMs: 1000,
  longPollTimeoutMs: 25_000,
  wsHeartbeatMs: 15_000,
}

export const classSettingsBodySchema = z.strictObject({
  tickerRate: z.number().min(0).max(50).optional(),
  tickerSize: z.number().int().min(1).max(2000).optional(),
  pollIntervalMs: z.number().int().min(100).max(60_000).optional(),
  longPollTimeoutMs: z.number().int().min(0).max(60_000).optional(),
  wsHeartbeatMs: z.number().int().min(0).max(600_000).optional(),
})

/** The network part of a preset: the same conditions on every transport of the class room. */
export interface PresetNetwork {
  delayMs: number
  jitterMs: number
}

export const PRESET_IDS = ['race', 'delay-150', 'drop-once'] as const
export type PresetId = (typeof PRESET_IDS)[number]

export interface ExperimentPreset {
  id: PresetId
  durationS: number
  settings: ClassSettings
  network?: PresetNetwork
  /** The server drops every connection of every transport this many seconds in. */
  dropAtS?: number
}

export const experimentBodySchema = z.strictObject({
  preset: z.enum(PRESET_IDS, { error: `must be one of ${PRESET_IDS.join(', ')}` }),
  durationS: z.number().int().min(5).max(600).optional(),
  /** At least 2 s: every page must hear of it before it starts. */
  countdownS: z.number().int().min(2).max(30).optional(),
})

/** One experiment of the class: every page applies it at `startsAt` (server ms). */
export interface Experiment {
  id: string
  preset: PresetId
  startsAt: number
  endsAt: number
  settings: ClassSettings
  network?: PresetNetwork
  dropAtS?: number
}

/** What every page of the class is told (`event: class` of its channel). */
export interface ClassState {
  settings: ClassSettings
  /** The running or last experiment; null before the first. */
  experiment: Experiment | null
  /** The room's seq of the instructor's last "clear": pages show nothing up to it. */
  clearedSeq: number
  /** This page's student is muted. */
  muted: boolean
}

/** `GET /api/class/me`. */
export type ClassMe =
  | { mode: 'open' }
  | {
      mode: 'class'
      role: ClassRole | null
      name?: string
      room: typeof CLASS_ROOM
      state?: ClassState
    }

export const joinBodySchema = z.strictObject({
  code: z.string().max(64),
  name: z.string().max(200),
})

const CONNECTION_STATES = ['connecting', 'open', 'reconnecting', 'paused', 'closed'] as const
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const latencyMs = z.number().min(0).max(3_600_000)

const transportReportSchema = z.strictObject({
  state: z.enum(CONNECTION_STATES),
  lastSeq: count,
  received: count,
  samples: z.array(latencyMs).max(MAX_REPORT_SAMPLES),
  reconnects: count,
  missing: count,
  repeated: count,
})
export type TransportReport = z.infer<typeof transportReportSchema>

const perTransport = <T extends z.ZodType>(schema: T) => z.partialRecord(z.enum(TRANSPORTS), schema)

export const reportBodySchema = z.strictObject({
  client: clientIdSchema,
  transports: perTransport(transportReportSchema),
})
export type PageReport = z.infer<typeof reportBodySchema>

const transportResultSchema = z.strictObject({
  received: count,
  p50: latencyMs.nullable(),
  p95: latencyMs.nullable(),
  p99: latencyMs.nullable(),
  samples: z.array(latencyMs).max(MAX_RESULT_SAMPLES),
  bytesPerMessage: z.number().min(0).nullable(),
  reconnects: count,
  missing: count,
  repeated: count,
})
export type TransportResult = z.infer<typeof transportResultSchema>

export const resultBodySchema = z.strictObject({
  client: clientIdSchema,
  transports: perTransport(transportResultSchema),
})

/** One page's figures for one experiment, as the page showed them. */
export interface PageResult extends z.infer<typeof resultBodySchema> {
  name: string
  at: number
}

/** The class's figures per transport: every page's samples together. */
export interface TransportSummary {
  pages: number
  received: number
  p50: number | null
  p95: number | null
  p99: number | null
  bytesPerMessage: number | null
  reconnects: number
  missing: number
  repeated: number
}

export interface ExperimentResult {
  experiment: Experiment
  results: PageResult[]
  summary: Partial<Record<Transport, TransportSummary>>
}

/** A student as the dashboard sees it. */
export interface LiveStudent {
  name: string
  muted: boolean
  /** Pages (tabs) of this student that reported in the last 10 s. */
  pages: number
  /** ms since its last report; -1 when no page of it has reported yet. */
  lastReportMs: number
  /** Per transport, its most lagging page: its state, and the room's head minus its last seq when it reported. */
  transports: Partial<Record<Transport, { state: TransportReport['state']; lag: number }>>
}

export interface LiveTransport {
  /** Student pages whose client of this transport is open. */
  connected: number
  p50: number | null
  p95: number | null
  p99: number | null
  /** Samples in the window the percentiles are over. */
  samples: number
  bytesPerMessage: number | null
  reconnects: number
}

/** `event: live` of `GET /api/class/live`, every second. */
export interface ClassLive {
  now: number
  head: number
  messagesPerSecond: number
  students: LiveStudent[]
  transports: Partial<Record<Transport, LiveTransport>>
  /** The class's settings now (an experiment's while it runs). */
  settings: ClassSettings
  /** Names of the students a page of whom lags behind the room. */
  behind: string[]
  experiment: Experiment | null
  /** Results in so far for the running or last experiment. */
  results: number
}
