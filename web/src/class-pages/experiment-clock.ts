import { RESULTS_GRACE_MS } from '../../../server/src/class/limits.ts'
import type { Experiment } from '../../../server/src/class/protocol.ts'

/** Where an experiment is at a given server time, in whole seconds as a countdown reads. */
export type ExperimentPhase =
  | { phase: 'countdown'; secondsLeft: number }
  | { phase: 'running'; secondsLeft: number; progress: number }
  | { phase: 'collecting'; secondsLeft: number }
  | { phase: 'ended' }

/**
 * The server's clock minus this page's, from a server time read at `receivedAt` (local ms). A
 * figure that crossed the network is late by its one-way trip; for a countdown in seconds that is
 * well inside the rounding.
 */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt
}

/** Cristian's algorithm: the server read its clock about halfway between sending and receiving. */
export function roundTripOffset(serverNow: number, sentAt: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2
}

export function experimentPhase(
  experiment: Pick<Experiment, 'startsAt' | 'endsAt'>,
  serverNow: number,
): ExperimentPhase {
  const { startsAt, endsAt } = experiment
  if (serverNow < startsAt) return { phase: 'countdown', secondsLeft: secondsUntil(startsAt) }
  if (serverNow < endsAt) {
    const progress = (serverNow - startsAt) / (endsAt - startsAt)
    return { phase: 'running', secondsLeft: secondsUntil(endsAt), progress }
  }
  const closesAt = endsAt + RESULTS_GRACE_MS
  if (serverNow < closesAt) return { phase: 'collecting', secondsLeft: secondsUntil(closesAt) }
  return { phase: 'ended' }

  // "Starts in 3 s" until the very last moment, never "starts in 0 s".
  function secondsUntil(at: number): number {
    return Math.ceil((at - serverNow) / 1000)
  }
}
