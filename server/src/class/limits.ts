/**
 * Class mode's numbers that the server and the pages share. Nothing else here: the pages import
 * this file (its schemas would pull zod into their bundle), the server re-exports it.
 */

/** The room a class follows. */
export const CLASS_ROOM = 'class'

/** Every 2 s a class page reports its live figures. */
export const REPORT_INTERVAL_MS = 2_000

/** Latency samples one report (or one transport of a result) may carry: the newest. */
export const MAX_REPORT_SAMPLES = 200
export const MAX_RESULT_SAMPLES = 3_000

/** A page's result is taken this long after the end: its clock and its last request may lag. */
export const RESULTS_GRACE_MS = 20_000

/** A page's figures of one transport in an experiment, in the order every table shows them. */
export const RESULT_FIELDS = [
  'received',
  'p50',
  'p95',
  'p99',
  'bytesPerMessage',
  'reconnects',
  'missing',
  'repeated',
] as const
export type ResultField = (typeof RESULT_FIELDS)[number]
