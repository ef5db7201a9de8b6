import type { StopSignal } from './when-closed.ts'

/**
 * The server's "shutting down" signal, as every held request, stream and socket listens to it.
 * An AbortSignal would do, but it keeps its listeners in a list that each removal walks: every long
 * poll adds one and removes it, so at a thousand held polls each answer cost a thousand steps.
 */
export class Shutdown implements StopSignal {
  #aborted = false
  readonly #listeners = new Set<() => void>()

  get aborted(): boolean {
    return this.#aborted
  }

  /** Like an AbortSignal's: a listener added after the abort is never called. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.#aborted) this.#listeners.add(listener)
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.#listeners.delete(listener)
  }

  abort(): void {
    if (this.#aborted) return
    this.#aborted = true
    const listeners = [...this.#listeners]
    this.#listeners.clear()
    // One failing listener must not keep the others (and the server's exit) waiting.
    for (const listener of listeners) {
      try {
        listener()
      } catch (error) {
        console.error('shutdown: a listener failed:', error)
      }
    }
  }
}
