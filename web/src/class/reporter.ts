import type { PageReport } from './class-contract.ts'
import { REPORT_INTERVAL_MS } from './class-contract.ts'

/** A report not answered by then is given up: the next one is due. */
const REPORT_TIMEOUT_MS = 10_000

export interface ReporterOptions {
  /** The report of this moment (it takes the samples since the last one). */
  build(): PageReport
  /** The server no longer knows this page's student (it restarted, or the session ended). */
  refused(): void
  intervalMs?: number
  fetchImpl?: typeof fetch
}

/**
 * Posts the page's live figures to `/api/class/report` every 2 s, for the instructor's dashboard.
 * A report lost on the way is not sent again: the next one says where the page is by then.
 */
export function startReports(options: ReporterOptions): () => void {
  const post = options.fetchImpl ?? fetch
  let sending = false
  const timer = setInterval(async () => {
    // A server slower than the interval gets one report at a time, not a queue of them.
    if (sending) return
    sending = true
    try {
      const response = await post('/api/class/report', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options.build()),
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      })
      if (response.status === 401) options.refused()
    } catch {
      // Unreachable for now: the page's banner says so already.
    } finally {
      sending = false
    }
  }, options.intervalMs ?? REPORT_INTERVAL_MS)
  return () => clearInterval(timer)
}
