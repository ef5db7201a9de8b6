import { ApiError } from '../http/errors.ts'
import { PRESETS } from './presets.ts'
import type { Experiment, ExperimentResult, PageResult, PresetId } from './protocol.ts'
import { summarize } from './summary.ts'

/** A page's result is taken this long after the end: its clock and its last request may lag. */
export const RESULTS_GRACE_MS = 20_000
const KEPT_EXPERIMENTS = 20
const DEFAULT_COUNTDOWN_S = 5

/** What an experiment does to the class's room while it runs. */
export interface ExperimentHooks {
  /** At the countdown's start: the ticker and the network conditions, settled before it starts. */
  begin(experiment: Experiment): Promise<void>
  /** `dropAtS` into the run: every connection of every page. */
  dropAll(): void
  /** At the end: the settings from before, no network conditions. */
  end(experiment: Experiment): Promise<void>
  /** Something every page must hear of changed (a new experiment, one that ended). */
  changed(): void
}

/** The class's experiments: one at a time, each page's result, the last 20 kept. */
export class Experiments {
  readonly #runs = new Map<string, { experiment: Experiment; results: Map<string, PageResult> }>()
  readonly #timers = new Set<NodeJS.Timeout>()
  #current: Experiment | null = null
  #running = false
  #count = 0

  constructor(
    readonly hooks: ExperimentHooks,
    readonly now: () => number = Date.now,
  ) {}

  /** The running or last experiment. */
  get current(): Experiment | null {
    return this.#current
  }

  async start(
    preset: PresetId,
    options: { durationS?: number; countdownS?: number },
  ): Promise<Experiment> {
    if (this.#running) {
      throw new ApiError(409, 'conflict', `experiment ${this.#current?.id} is still running`)
    }
    const { durationS, settings, network, dropAtS } = PRESETS[preset]
    const startsAt = this.now() + (options.countdownS ?? DEFAULT_COUNTDOWN_S) * 1000
    const endsAt = startsAt + (options.durationS ?? durationS) * 1000
    this.#count++
    const experiment: Experiment = {
      id: `e${this.#count}`,
      preset,
      startsAt,
      endsAt,
      settings,
      ...(network && { network }),
      ...(dropAtS !== undefined && dropAtS * 1000 < endsAt - startsAt && { dropAtS }),
    }
    this.#running = true
    this.#current = experiment
    this.#runs.set(experiment.id, { experiment, results: new Map() })
    for (const id of [...this.#runs.keys()].slice(0, -KEPT_EXPERIMENTS)) this.#runs.delete(id)
    try {
      await this.hooks.begin(experiment)
    } catch (error) {
      // The room could not be set (no proxy port left, say): no experiment, and the next may start.
      this.#running = false
      this.#runs.delete(experiment.id)
      this.#current = null
      throw error
    }
    if (experiment.dropAtS !== undefined) {
      this.#at(startsAt + experiment.dropAtS * 1000, () => this.hooks.dropAll())
    }
    this.#at(endsAt, () => {
      this.#running = false
      void this.hooks.end(experiment).finally(() => this.hooks.changed())
    })
    this.hooks.changed()
    return experiment
  }

  /** A page's figures for experiment `id`, once it has ended (a page sends it once; again replaces it). */
  addResult(id: string, result: PageResult): void {
    const run = this.#runs.get(id)
    if (!run) throw new ApiError(404, 'not_found', `no experiment ${id}`)
    const now = this.now()
    if (now < run.experiment.endsAt - 1_000) {
      throw new ApiError(409, 'conflict', `experiment ${id} has not ended yet`)
    }
    if (now > run.experiment.endsAt + RESULTS_GRACE_MS) {
      throw new ApiError(409, 'conflict', `experiment ${id} ended more than 20 s ago`)
    }
    run.results.set(result.client, result)
  }

  /** Results received for the running or last experiment. */
  get resultCount(): number {
    return this.#current ? (this.#runs.get(this.#current.id)?.results.size ?? 0) : 0
  }

  /** One experiment's results and the class's summary ('latest': the running or last one). */
  result(id: string): ExperimentResult {
    const run = this.#runs.get(id === 'latest' ? (this.#current?.id ?? '') : id)
    if (!run)
      throw new ApiError(
        404,
        'not_found',
        id === 'latest' ? 'no experiment yet' : `no experiment ${id}`,
      )
    const results = [...run.results.values()].sort((a, b) => a.name.localeCompare(b.name))
    return { experiment: run.experiment, results, summary: summarize(results) }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  #at(when: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer)
        run()
      },
      Math.max(0, when - this.now()),
    )
    this.#timers.add(timer)
  }
}
