/**
 * Class mode's contract as the page sees it: the types of server/src/class/protocol.ts (only
 * types: its schemas would pull zod into the bundle) and the numbers both sides share.
 */

export {
  CLASS_ROOM,
  MAX_REPORT_SAMPLES,
  MAX_RESULT_SAMPLES,
  REPORT_INTERVAL_MS,
  RESULT_FIELDS,
  type ResultField,
} from '../../../server/src/class/limits.ts'
export type {
  ClassMe,
  ClassRole,
  ClassSettings,
  ClassState,
  Experiment,
  PageReport,
  PresetId,
  TransportReport,
  TransportResult,
} from '../../../server/src/class/protocol.ts'
