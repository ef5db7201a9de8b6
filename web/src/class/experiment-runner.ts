import { arrivalClock } from '../transports/client.ts'
import type { Experiment } from './class-contract.ts'
import { type ExperimentStage, nextStage, secondsUntil, toPageClock } from './experiment-stage.ts'

/** What the banner says of the experiment now. */
export interface ExperimentView {
  stage: 'countdown' | 'running' | 'missed'
  experiment: Experiment
  /** Until the start (countdown) or the end (running, missed). */
  secondsLeft: number
  /** Running: the part of the run behind, 0–1. */
  progress: number
}

export interface ExperimentHooks {
  /** At the start: the page resets its figures and applies the experiment's settings. */
  begin(experiment: Experiment): void
  /** At the end; `endedAt` on the page's clock: samples after it are not the experiment's. */
  end(experiment: Experiment, endedAt: number): void
  show(view: ExperimentView | null): void
}

export interface RunnerOptions {
  /** The page's clock, the one message arrivals and the offset estimate use. */
  now?: () => number
  /** How often the stage is looked at while one is on: the start and end are this late at most. */
  tickMs?: number
}

/**
 * Takes a page through its class's experiments: sees each new one, waits for the page's clock
 * offset, counts down, begins and ends it on time (server times moved onto the page's clock).
 */
export class ExperimentRunner {
  readonly #hooks: ExperimentHooks
  readonly #now: () => number
  readonly #tickMs: number
  #experiment: Experiment | null = null
  #stage: ExperimentStage = 'unclocked'
  /** Page clock: when this page first heard of the current experiment. */
  #seenAt = 0
  #offsetMs: number | null = null
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(hooks: ExperimentHooks, options: RunnerOptions = {}) {
    this.#hooks = hooks
    this.#now = options.now ?? arrivalClock
    this.#tickMs = options.tickMs ?? 100
  }

  get stage(): ExperimentStage {
    return this.#stage
  }

  /** The class's experiment as the server last said; the same one again changes nothing. */
  see(experiment: Experiment | null): void {
    if (!experiment || experiment.id === this.#experiment?.id) return
    this.#experiment = experiment
    this.#stage = 'unclocked'
    this.#seenAt = this.#now()
    this.#tick()
  }

  /** The page's latest estimate: server ≈ page + offsetMs. */
  set offsetMs(offsetMs: number) {
    this.#offsetMs = offsetMs
    this.#tick()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  #tick(): void {
    const experiment = this.#experiment
    if (!experiment) return
    const offset = this.#offsetMs
    const serverNow = offset === null ? null : this.#now() + offset
    const seenAt = offset === null ? null : this.#seenAt + offset
    const before = this.#stage
    const stage = nextStage(before, experiment, serverNow, seenAt)
    this.#stage = stage
    if (stage === 'running' && before !== 'running') this.#hooks.begin(experiment)
    if (stage === 'done' && before === 'running' && offset !== null) {
      this.#hooks.end(experiment, toPageClock(experiment.endsAt, offset))
    }
    const on = serverNow === null || serverNow < experiment.endsAt
    this.#hooks.show(on && serverNow !== null ? this.#view(stage, experiment, serverNow) : null)
    if (on && this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), this.#tickMs)
    } else if (!on) this.stop()
  }

  #view(stage: ExperimentStage, experiment: Experiment, serverNow: number): ExperimentView | null {
    if (stage !== 'countdown' && stage !== 'running' && stage !== 'missed') return null
    const { startsAt, endsAt } = experiment
    return {
      stage,
      experiment,
      secondsLeft: secondsUntil(stage === 'countdown' ? startsAt : endsAt, serverNow),
      progress: stage === 'running' ? (serverNow - startsAt) / (endsAt - startsAt) : 0,
    }
  }
}
