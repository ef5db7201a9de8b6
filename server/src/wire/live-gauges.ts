/** What the server holds open for clients right now; `/metrics` shows it, so a leak shows. */
export type LiveKind = 'sse_streams' | 'long_polls' | 'stats_streams' | 'stats_timers'

export const LIVE_KINDS: readonly LiveKind[] = [
  'sse_streams',
  'long_polls',
  'stats_streams',
  'stats_timers',
]

export class LiveGauges {
  readonly #counts = new Map<LiveKind, number>()

  /** Counts one more; the returned function counts it back, once however often it is called. */
  open(kind: LiveKind): () => void {
    this.#counts.set(kind, this.count(kind) + 1)
    let open = true
    return () => {
      if (!open) return
      open = false
      this.#counts.set(kind, this.count(kind) - 1)
    }
  }

  count(kind: LiveKind): number {
    return this.#counts.get(kind) ?? 0
  }
}
