import type { Feed } from '../feed/index.ts'
import { sameSecret } from '../http/secrets.ts'
import type { Tickers } from '../lab/ticker.ts'
import type { RoomNetworks } from '../net/index.ts'
import { NO_CONDITIONS, TRANSPORTS, type Transport } from '../protocol.ts'
import type { WireMeter } from '../wire/meter.ts'
import { ClientOwners } from './client-owners.ts'
import { Experiments } from './experiments.ts'
import { normalizeCode } from './join-code.ts'
import { LiveReports } from './live-reports.ts'
import {
  CLASS_ROOM,
  type ClassSettings,
  type ClassState,
  DEFAULT_CLASS_SETTINGS,
  type Experiment,
} from './protocol.ts'
import { Roster, type Student } from './roster.ts'

export interface ClassroomDeps {
  feed: Feed
  tickers: Tickers
  network: RoomNetworks
  meter: WireMeter
}

/**
 * A class: its code, its students, the settings the instructor set for every page, its
 * experiments and what its pages report. Every change every page must hear of goes through
 * `onChange`.
 */
export class Classroom {
  readonly roster = new Roster()
  readonly reports = new LiveReports()
  /** Which member each page id belongs to. */
  readonly clients = new ClientOwners()
  readonly experiments: Experiments
  /** Where students join (`…/join?code=CODE` on each LAN address), set once the server listens. */
  joinUrls: string[] = []
  readonly #code: string
  readonly #deps: ClassroomDeps
  readonly #listeners = new Set<() => void>()
  readonly #stopFollowingTicker: () => void
  #settings: ClassSettings = DEFAULT_CLASS_SETTINGS
  #clearedSeq = 0

  constructor(code: string, deps: ClassroomDeps) {
    this.#code = normalizeCode(code)
    this.#deps = deps
    let before = this.#settings
    this.experiments = new Experiments({
      begin: async (experiment) => {
        before = this.#settings
        this.#applySettings(experiment.settings)
        await this.#shapeEveryTransport(experiment)
      },
      dropAll: () => this.drop(TRANSPORTS),
      end: async () => {
        this.#applySettings(before)
        await this.#shapeEveryTransport(null)
      },
      changed: () => this.#announce(),
    })
    // The instructor's own lab page sets the ticker through /api/lab/ticker: the class follows.
    this.#stopFollowingTicker = deps.tickers.onChange(({ room, ticker, changedBy }) => {
      if (room !== CLASS_ROOM || changedBy !== 'page') return
      if (ticker.rate === this.#settings.tickerRate && ticker.size === this.#settings.tickerSize)
        return
      this.#settings = { ...this.#settings, tickerRate: ticker.rate, tickerSize: ticker.size }
      this.#announce()
    })
  }

  /**
   * A ticker whose room nobody followed for a while stops by itself; the class's starts again
   * as soon as a page of the class reports.
   */
  keepTickerRunning(): void {
    const { rate } = this.#deps.tickers.get(CLASS_ROOM)
    if (rate !== this.#settings.tickerRate) this.#applySettings(this.#settings)
  }

  /** Compared in constant time: how long it takes tells nothing of where a guess differs. */
  codeMatches(given: string): boolean {
    return sameSecret(normalizeCode(given), this.#code)
  }

  /** The code, for the instructor's dashboard and the start-up banner. */
  get code(): string {
    return this.#code
  }

  /** What a page of the class is told; `student`: whose page (for `muted`). */
  state(student?: Student): ClassState {
    return {
      settings: this.#settings,
      experiment: this.experiments.current,
      clearedSeq: this.#clearedSeq,
      muted: student?.muted ?? false,
    }
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  setSettings(change: Partial<ClassSettings>): ClassState {
    this.#applySettings({ ...this.#settings, ...change })
    this.#announce()
    return this.state()
  }

  /** Closes every page's connections of these transports; how many. */
  drop(transports: readonly Transport[]): number {
    let killed = 0
    for (const transport of transports) killed += this.#deps.meter.kill(null, transport).length
    return killed
  }

  mute(student: Student, muted: boolean): void {
    student.muted = muted
    this.#announce()
  }

  /**
   * A fresh start: a line in the log says so, every page shows nothing up to it and zeroes its
   * figures, and so do the meter and the class's live figures.
   */
  async clear(): Promise<number> {
    const { message } = await this.#deps.feed.append(CLASS_ROOM, {
      kind: 'system',
      user: 'instructor',
      text: 'The instructor cleared the room.',
    })
    this.#clearedSeq = message.seq
    this.#deps.meter.reset()
    this.reports.clear()
    this.#announce()
    return message.seq
  }

  stop(): void {
    this.#stopFollowingTicker()
    this.experiments.stop()
    this.#listeners.clear()
  }

  #applySettings(settings: ClassSettings): void {
    this.#settings = settings
    this.#deps.tickers.set(CLASS_ROOM, settings.tickerRate, settings.tickerSize)
  }

  async #shapeEveryTransport(experiment: Experiment | null): Promise<void> {
    const network = experiment?.network
    const conditions = network ? { ...NO_CONDITIONS, ...network } : NO_CONDITIONS
    const { network: rooms } = this.#deps
    if (!network && Object.keys(rooms.get(CLASS_ROOM).shaped).length === 0) return
    await Promise.all(TRANSPORTS.map((t) => rooms.set(CLASS_ROOM, t, conditions, null)))
  }

  #announce(): void {
    for (const listener of this.#listeners) listener()
  }
}
