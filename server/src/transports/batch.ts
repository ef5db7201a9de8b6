import { intParam } from '../http/params.ts'
import { type Batch, LIMITS } from '../protocol.ts'
import type { MeterOwner, WireMeter } from '../wire/meter.ts'

export const pollLimitParam = intParam(1, LIMITS.pollLimitMax)

/** Counts one batch answer: its messages, or one empty response. */
export function meterBatch(meter: WireMeter, owner: MeterOwner, batch: Batch): void {
  if (batch.messages.length === 0) meter.count(owner, 'emptyResponses', 1)
  else meter.count(owner, 'messages', batch.messages.length)
}
