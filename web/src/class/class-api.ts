import type { Transport } from '../lib/exchange.ts'
import type { TransportResult } from './class-contract.ts'
import type { PostState } from './class-result.ts'

/** Posts this page's result of an experiment; says how it went, in a sentence for the card. */
export async function postResult(
  experimentId: string,
  body: { client: string; transports: Partial<Record<Transport, TransportResult>> },
  fetchImpl: typeof fetch = fetch,
): Promise<PostState> {
  try {
    const response = await fetchImpl(
      `/api/class/experiments/${encodeURIComponent(experimentId)}/results`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    )
    if (response.ok) return { kind: 'sent' }
    const answer = (await response.json().catch(() => null)) as {
      error?: { message?: string }
    } | null
    return {
      kind: 'failed',
      message: answer?.error?.message ?? `the server answered ${response.status}`,
    }
  } catch (error) {
    return { kind: 'failed', message: (error as Error).message }
  }
}
