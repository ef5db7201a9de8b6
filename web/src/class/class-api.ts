import { postJson } from '../class-pages/class-api.ts'
import type { Transport } from '../lib/exchange.ts'
import type { TransportResult } from './class-contract.ts'
import type { PostState } from './class-result.ts'

/** Posts this page's result of an experiment; says how it went, in a sentence for the card. */
export async function postResult(
  experimentId: string,
  body: { client: string; transports: Partial<Record<Transport, TransportResult>> },
): Promise<PostState> {
  try {
    await postJson(`/api/class/experiments/${encodeURIComponent(experimentId)}/results`, body)
    return { kind: 'sent' }
  } catch (error) {
    return { kind: 'failed', message: (error as Error).message }
  }
}
