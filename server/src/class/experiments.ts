import { ApiError } from '../http/errors.ts'
import { RESULTS_GRACE_MS } from './limits.ts'
import { PRESETS } from './presets.ts'
import type { Experiment, ExperimentResult, PageResult, PresetId } from './protocol.ts'
import { summarize } from './summary.ts'

const KEPT_EXPERIMENTS = 20
/** Results one member may post for one experiment: a student's tabs. */
export const MAX_RESULTS_PER_MEMBER = 3
const DEFAULT_COUNTDOWN_S = 5

/** One experiment, its pages' results, and whose page each is. */
interface Run {
  experiment: Experiment
  results: Map<string, PageResult>
  owners: Map<string, string>
}

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
  readonly #runs = new Map<string, Run>()
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
    const previous = this.#current
    this.#running = true
    this.#current = experiment
    this.#runs.set(experiment.id, { experiment, results: new Map(), owners: new Map() })
    for (const id of [...this.#runs.keys()].slice(0, -KEPT_EXPERIMENTS)) this.#runs.delete(id)
    try {
      await this.hooks.begin(experiment)
    } catch (error) {
      // The room could not be set (no proxy port left, say): no experiment, the room as it was,
      // and the next may start.
      this.#running = false
      this.#runs.delete(experiment.id)
      this.#current = previous
      await this.hooks.end(experiment).catch(() => {})
      this.hooks.changed()
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

  /**
   * A page's figures for experiment `id`, once it has ended (a page sends it once; again replaces
   * it). `owner`: the member whose page it is; each may post for 3 pages at most.
   */
  addResult(id: string, result: PageResult, owner: string): void {
    const run = this.#runs.get(id)
    if (!run) throw new ApiError(404, 'not_found', `no experiment ${id}`)
    const now = this.now()
    if (now < run.experiment.endsAt - 1_000) {
      throw new ApiError(409, 'conflict', `experiment ${id} has not ended yet`)
    }
    if (now > run.experiment.endsAt + RESULTS_GRACE_MS) {
      throw new ApiError(409, 'conflict', `experiment ${id} ended more than 20 s ago`)
    }
    const pages = [...run.owners.values()].filter((o) => o === owner).length
    if (!run.owners.has(result.client) && pages >= MAX_RESULTS_PER_MEMBER) {
      throw new ApiError(
        429,
        'rate_limited',
        `at most ${MAX_RESULTS_PER_MEMBER} pages of one member take part in an experiment`,
      )
    }
    run.results.set(result.client, result)
    run.owners.set(result.client, owner)
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
