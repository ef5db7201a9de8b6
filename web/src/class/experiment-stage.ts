import type { Experiment } from './class-contract.ts'

/** Where a page is in one experiment of its class. */
export type ExperimentStage =
  /** Heard of, but the page's clock offset is not known yet: server times mean nothing here yet. */
  | 'unclocked'
  | 'countdown'
  | 'running'
  /** Over, and this page took part from its start: its figures are frozen. */
  | 'done'
  /** The page heard of it after its start (or slept through the start): it waits for the next one. */
  | 'missed'

type Times = Pick<Experiment, 'startsAt' | 'endsAt'>

/**
 * The rules, one per line (every time in server ms, the page's clock moved by its offset):
 * - Without a clock offset the page decides nothing.
 * - A page that first heard of the experiment before its start takes part: countdown, running, done.
 * - One that first heard of it after the start misses it: its figures would cover part of the run.
 * - One whose countdown ends after the end (a tab asleep the whole time) misses it too.
 * - Done and missed are final.
 */
export function nextStage(
  stage: ExperimentStage,
  experiment: Times,
  serverNow: number | null,
  seenAt: number | null,
): ExperimentStage {
  if (stage === 'done' || stage === 'missed') return stage
  if (serverNow === null || seenAt === null) return 'unclocked'
  if (stage === 'unclocked' && seenAt >= experiment.startsAt) return 'missed'
  if (stage === 'running') return serverNow < experiment.endsAt ? 'running' : 'done'
  if (serverNow < experiment.startsAt) return 'countdown'
  return serverNow < experiment.endsAt ? 'running' : 'missed'
}

/** Whole seconds left until `at`, rounded up: "starts in 1 s" is the last second before it. */
export function secondsUntil(at: number, serverNow: number): number {
  return Math.max(0, Math.ceil((at - serverNow) / 1000))
}

/** A server time on this page's clock: the offset estimate says server ≈ page + offsetMs. */
export function toPageClock(serverMs: number, offsetMs: number): number {
  return serverMs - offsetMs
}
