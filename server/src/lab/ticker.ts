import type { Feed } from '../feed/index.ts'
import type { TickerState } from '../protocol.ts'

const STEP_MS = 10

/**
 * The load generator: appends `kind: "tick"` messages to a room at a steady rate. It schedules by
 * elapsed time, not by counting intervals, so timer jitter does not change the rate.
 */
export class Tickers {
  readonly #running = new Map<string, { state: TickerState; timer: NodeJS.Timeout }>()

  constructor(readonly feed: Feed) {}

  set(room: string, rate: number, size: number): TickerState {
    this.stop(room)
    const state: TickerState = { room, rate, size, sent: 0 }
    if (rate === 0) return state
    const started = Date.now()
    const text = tickText(size)
    const timer = setInterval(
      () => {
        const due = Math.floor(((Date.now() - started) * rate) / 1000) - state.sent
        for (let i = 0; i < due; i++) {
          state.sent++
          void this.feed.append(room, { kind: 'tick', user: 'ticker', text })
        }
      },
      Math.max(STEP_MS, Math.min(1000 / rate, 250)),
    )
    timer.unref()
    this.#running.set(room, { state, timer })
    return state
  }

  stop(room: string): void {
    const running = this.#running.get(room)
    if (!running) return
    clearInterval(running.timer)
    this.#running.delete(room)
  }

  list(): TickerState[] {
    return [...this.#running.values()].map(({ state }) => ({ ...state }))
  }

  stopAll(): void {
    for (const room of [...this.#running.keys()]) this.stop(room)
  }
}

/** `size` bytes of readable ASCII filler. */
export function tickText(size: number): string {
  const pattern = 'tick-'
  return pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size)
}
