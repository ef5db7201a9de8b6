import type { ConnectionState, LabEvent } from '../lab-source.ts'
import type { Transport } from '../lib/exchange.ts'

interface Continuity {
  missing: number
  repeated: number
}

/**
 * What a class page reports besides the measurements: each transport's connection state, and the
 * seqs its cursor never got or got twice since the page's figures were last reset (the cursor
 * counts from the page's load, as the panels show it).
 */
export class PageTracker {
  #states = new Map<Transport, ConnectionState>()
  #seen = new Map<Transport, Continuity>()
  #atReset = new Map<Transport, Continuity>()

  handle(event: LabEvent): void {
    if (event.type === 'state') this.#states.set(event.transport, event.state)
    if (event.type === 'continuity') {
      this.#seen.set(event.transport, { missing: event.missing, repeated: event.repeated })
    }
  }

  state(transport: Transport): ConnectionState {
    return this.#states.get(transport) ?? 'connecting'
  }

  /** Missing and repeated seqs since the last reset. */
  continuity(transport: Transport): Continuity {
    const seen = this.#seen.get(transport) ?? { missing: 0, repeated: 0 }
    const before = this.#atReset.get(transport) ?? { missing: 0, repeated: 0 }
    return { missing: seen.missing - before.missing, repeated: seen.repeated - before.repeated }
  }

  reset(): void {
    this.#atReset = new Map(this.#seen)
  }
}
