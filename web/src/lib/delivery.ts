import { type OffsetEstimate, SERVER_CLOCK_RESOLUTION_MS } from './clock-offset.ts'

/** How one message's arrival on one transport counts in the page's measurements. */
export type Delivery =
  /** A message of this page came back: send → arrival, on the page's own clock. */
  | { kind: 'round-trip'; ms: number }
  /** Someone else's message: the server's `ts` → arrival, across the two clocks. */
  | { kind: 'one-way'; ms: number; atMost: boolean }
  /** Sent before this connection began (pause, reconnect, first load): not the transport's latency. */
  | { kind: 'caught-up' }
  /** Someone else's message before any clock offset is known: no latency can be said. */
  | { kind: 'unclocked' }

export interface Arrival {
  /** Client ms when the transport handed the message over. */
  arrivedAt: number
  /** Client ms when the transport's current connection began delivering (its first request). */
  liveSince: number
  /** The message's server timestamp (whole ms). */
  ts: number
  /** Client ms when this page sent it; absent for other people's messages. */
  sentAt?: number | undefined
}

/**
 * The rules, one per line:
 * - Sent (or appended) before the transport's current connection began: caught up, no sample.
 * - This page's own message: its round trip, which needs no clock at all.
 * - Anyone else's: arrival moved onto the server's clock, minus the middle of its `ts`
 *   millisecond. The true value is within ± (the offset's uncertainty + half a tick); an estimate
 *   inside that band says only "at most", never a negative number.
 */
export function classifyDelivery(arrival: Arrival, offset: OffsetEstimate | null): Delivery {
  const { arrivedAt, liveSince, ts, sentAt } = arrival
  if (sentAt !== undefined) {
    return sentAt < liveSince
      ? { kind: 'caught-up' }
      : { kind: 'round-trip', ms: arrivedAt - sentAt }
  }
  if (!offset) return { kind: 'unclocked' }
  const halfTick = SERVER_CLOCK_RESOLUTION_MS / 2
  if (ts + halfTick < liveSince + offset.offsetMs) return { kind: 'caught-up' }
  const estimate = arrivedAt + offset.offsetMs - (ts + halfTick)
  const uncertainty = offset.uncertaintyMs + halfTick
  if (estimate > uncertainty) return { kind: 'one-way', ms: estimate, atMost: false }
  return { kind: 'one-way', ms: uncertainty + Math.max(estimate, 0), atMost: true }
}
