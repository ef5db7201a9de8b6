import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.ts'
import { intParam } from '../http/params.ts'
import { type Batch, LIMITS } from '../protocol.ts'
import type { WireMeter } from '../wire/meter.ts'

export const pollLimitParam = intParam(1, LIMITS.pollLimitMax)

/** Counts one batch answer: its messages, or one empty response. */
export function meterBatch(c: Context<AppEnv>, meter: WireMeter, batch: Batch): void {
  const owner = c.get('meterOwner')
  c.set('delivered', batch.messages.length)
  if (batch.messages.length === 0) meter.count(owner, 'emptyResponses', 1)
  else meter.count(owner, 'messages', batch.messages.length)
}
