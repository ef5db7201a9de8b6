import type { Feed } from '../feed/index.ts'
import type { RoomSettings, TickerState } from '../protocol.ts'

const STEP_MS = 10
export const DEFAULT_TICK_SIZE = 20

export interface TickerOptions {
  /** True while someone follows the room (a page, a stream, a recent poll). */
  isFollowed: (room: string) => boolean
  /** A ticker whose room nobody has followed for this long stops by itself. */
  idleStopMs: number
}

type Listener = (settings: RoomSettings) => void

interface Running {
  state: TickerState
  changedBy: RoomSettings['changedBy']
  timer?: NodeJS.Timeout
  lastFollowedAt: number
}

/**
 * The load generator: appends `kind: "tick"` messages to a room at a steady rate. It schedules by
 * elapsed time, not by counting intervals, so timer jitter does not change the rate. Every change
 * is announced, so that each page of the room shows the same settings.
 */
export class Tickers {
  readonly #running = new Map<string, Running>()
  readonly #listeners = new Set<Listener>()
  readonly #idleCheck: NodeJS.Timeout

  constructor(
    readonly feed: Feed,
    readonly options: TickerOptions,
  ) {
    this.#idleCheck = setInterval(
      () => this.#stopUnfollowed(),
      Math.min(5_000, Math.max(50, options.idleStopMs / 4)),
    )
    this.#idleCheck.unref()
  }

  set(room: string, rate: number, size: number, paused = false): TickerState {
    this.#stop(room)
    const state: TickerState = { room, rate, size, paused, sent: 0 }
    const running: Running = { state, changedBy: 'page', lastFollowedAt: Date.now() }
    // Kept at rate 0 too, so that a page joining later sees the size the room chose.
    this.#running.set(room, running)
    if (rate > 0 && !paused) running.timer = this.#start(state)
    this.#announce({ room, ticker: { ...state }, changedBy: 'page' })
    return { ...state }
  }

  /** The room's ticker, or an unset one (rate 0) when no page ever set it. */
  get(room: string): TickerState {
    const running = this.#running.get(room)
    return running
      ? { ...running.state }
      : { room, rate: 0, size: DEFAULT_TICK_SIZE, paused: false, sent: 0 }
  }

  /** What a page joining the room is told first. */
  settings(room: string): RoomSettings {
    return { room, ticker: this.get(room), changedBy: this.#running.get(room)?.changedBy ?? null }
  }

  /** The tickers set to a rate above 0 (running or paused). */
  list(): TickerState[] {
    return [...this.#running.values()]
      .filter(({ state }) => state.rate > 0)
      .map(({ state }) => ({ ...state }))
  }

  /** Calls `listener` on every change of any room's ticker; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  stopAll(): void {
    clearInterval(this.#idleCheck)
    for (const room of [...this.#running.keys()]) this.#stop(room)
  }

  #start(state: TickerState): NodeJS.Timeout {
    const started = Date.now()
    const text = tickText(state.size)
    const timer = setInterval(
      () => {
        const due = Math.floor(((Date.now() - started) * state.rate) / 1000) - state.sent
        for (let i = 0; i < due; i++) {
          state.sent++
          // A tick the store refused (out of reach) was promised to no one: it is let go.
          this.feed.append(state.room, { kind: 'tick', user: 'ticker', text }).catch(ignore)
        }
      },
      Math.max(STEP_MS, Math.min(1000 / state.rate, 250)),
    )
    timer.unref()
    return timer
  }

  #stop(room: string): void {
    const running = this.#running.get(room)
    if (!running) return
    clearInterval(running.timer)
    running.timer = undefined
    this.#running.delete(room)
  }

  /** A class leaves, a tab is closed: the ticker of a room nobody follows must not run all night. */
  #stopUnfollowed(): void {
    const now = Date.now()
    for (const [room, running] of this.#running) {
      if (running.timer === undefined) continue
      if (this.options.isFollowed(room)) running.lastFollowedAt = now
      else if (now - running.lastFollowedAt >= this.options.idleStopMs) {
        clearInterval(running.timer)
        running.timer = undefined
        running.state.rate = 0
        running.changedBy = 'idle'
        this.#announce({ room, ticker: { ...running.state }, changedBy: 'idle' })
      }
    }
  }

  #announce(settings: RoomSettings): void {
    for (const listener of this.#listeners) listener(settings)
  }
}

/** `size` bytes of readable ASCII filler. */
export function tickText(size: number): string {
  const pattern = 'tick-'
  return pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size)
}

function ignore(): void {}
