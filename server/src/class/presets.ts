import { DEFAULT_CLASS_SETTINGS, type ExperimentPreset, type PresetId } from './protocol.ts'

/** At 5 messages a second every transport has something to deliver, and polling pays for it. */
const FIVE_PER_SECOND = {
  ...DEFAULT_CLASS_SETTINGS,
  tickerRate: 5,
  pollIntervalMs: 1000,
  longPollTimeoutMs: 25_000,
}

/** The experiments a class runs together; their names and texts are the pages' (both languages). */
export const PRESETS: Record<PresetId, ExperimentPreset> = {
  /** Polling every 1 s vs long polling vs SSE vs WebSocket at 5 msg/s. */
  race: { id: 'race', durationS: 60, settings: FIVE_PER_SECOND },
  /** The same with 150 ms of delay each way on every transport. */
  'delay-150': {
    id: 'delay-150',
    durationS: 60,
    settings: FIVE_PER_SECOND,
    network: { delayMs: 150, jitterMs: 0 },
  },
  /** The server drops every connection of every page once: who loses nothing, who comes back first. */
  'drop-once': { id: 'drop-once', durationS: 30, settings: FIVE_PER_SECOND, dropAtS: 10 },
}
