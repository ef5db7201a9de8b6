/** One `/api/time` round trip; all three in client ms except `serverNow` (server ms). */
export interface TimeSample {
  sentAt: number
  serverNow: number
  receivedAt: number
}

export interface OffsetEstimate {
  /** Add to a client time to get the server time: serverTime ≈ clientTime + offsetMs. */
  offsetMs: number
  /** The true offset is within ± this: half the round trip, plus the server clock's resolution. */
  uncertaintyMs: number
  rttMs: number
  /** Client ms of the sample this estimate comes from. */
  measuredAt: number
}

/**
 * The server's clock (`Date.now()`, both for `/api/time` and for every message's `ts`) ticks in
 * whole milliseconds: a reading of 1000 means some time in [1000, 1001). Taking the middle and
 * counting the half millisecond in the uncertainty keeps a loopback estimate honest.
 */
export const SERVER_CLOCK_RESOLUTION_MS = 1

/** Cristian's algorithm for one sample: the server's reading is taken to be mid-round-trip. */
export function estimateFromSample(sample: TimeSample): OffsetEstimate {
  const rttMs = sample.receivedAt - sample.sentAt
  if (rttMs < 0) throw new RangeError(`receivedAt must not precede sentAt (rtt ${rttMs} ms)`)
  const halfTick = SERVER_CLOCK_RESOLUTION_MS / 2
  return {
    offsetMs: sample.serverNow + halfTick + rttMs / 2 - sample.receivedAt,
    uncertaintyMs: rttMs / 2 + halfTick,
    rttMs,
    measuredAt: sample.receivedAt,
  }
}

/** The estimate of the lowest-RTT sample (the tightest bound); the newest wins a tie. */
export function bestEstimate(samples: readonly TimeSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null
  for (const sample of samples) {
    const estimate = estimateFromSample(sample)
    if (!best || estimate.rttMs <= best.rttMs) best = estimate
  }
  return best
}

export interface ClockOffsetOptions {
  /** Resolves to the server's clock in ms (`GET /api/time` → `now`). */
  fetchTime: () => Promise<number>
  /** Client clock in ms since epoch; must be the clock message arrivals are stamped with. */
  now?: () => number
  /** A round trip at most this long is "good": the warm-up burst stops once it has one. */
  goodRttMs?: number
  /** The most samples one burst takes before it settles for the best it has. */
  burstSamples?: number
  /** Pause between two samples of a burst: spread so that one busy moment does not spoil all. */
  burstGapMs?: number
  /** Pause between two samples once the estimate is good. */
  steadyIntervalMs?: number
  /** A sample older than this no longer counts: clocks drift, paths change. */
  maxSampleAgeMs?: number
}

/**
 * What the estimator reports after each sample: the estimate, or that the server did not answer.
 * `settled`: the first burst is over (a good round trip, or as good as this network allows):
 * before that the ± is still the wide one of a page that was loading.
 */
export type ClockReport =
  | { ok: true; estimate: OffsetEstimate; settled: boolean }
  | { ok: false; error: Error }

// performance.now() is monotonic: Date.now() can jump (NTP, the user) in the middle of a round trip.
const monotonicEpochMs = () => performance.timeOrigin + performance.now()

/**
 * Keeps the lowest-RTT sample among those younger than `maxSampleAgeMs`. It starts with a burst:
 * a sample every `burstGapMs` until one round trip is good (a page that is still loading answers
 * slowly, and a slow round trip gives a loose offset), then one sample every `steadyIntervalMs`.
 * When the best sample ages out and none as good is left, it bursts again.
 */
export class ClockOffsetEstimator {
  readonly goodRttMs: number
  readonly burstSamples: number
  readonly burstGapMs: number
  readonly steadyIntervalMs: number
  readonly maxSampleAgeMs: number
  #fetchTime: () => Promise<number>
  #now: () => number
  #samples: TimeSample[] = []
  #listeners = new Set<(report: ClockReport) => void>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #running = false
  #burstLeft = 0
  #settled = false
  #lastBest: OffsetEstimate | null = null

  constructor(options: ClockOffsetOptions) {
    this.#fetchTime = options.fetchTime
    this.#now = options.now ?? monotonicEpochMs
    this.goodRttMs = options.goodRttMs ?? 4
    this.burstSamples = options.burstSamples ?? 20
    this.burstGapMs = options.burstGapMs ?? 150
    this.steadyIntervalMs = options.steadyIntervalMs ?? 5_000
    this.maxSampleAgeMs = options.maxSampleAgeMs ?? 60_000
  }

  get estimate(): OffsetEstimate | null {
    return bestEstimate(this.#fresh())
  }

  /** Calls `listener` after every sample: the current best estimate, or the failure. */
  onReport(listener: (report: ClockReport) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async sampleOnce(): Promise<OffsetEstimate> {
    const sentAt = this.#now()
    const serverNow = await this.#fetchTime()
    const receivedAt = this.#now()
    this.#samples.push({ sentAt, serverNow, receivedAt })
    this.#samples = this.#fresh()
    const best = this.estimate as OffsetEstimate
    this.#settled ||= best.rttMs <= this.goodRttMs || this.#burstLeft === 0
    this.#report({ ok: true, estimate: best, settled: this.#settled })
    return best
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    this.#burstLeft = this.burstSamples
    this.#settled = false
    void this.#tick()
  }

  stop(): void {
    this.#running = false
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  async #tick(): Promise<void> {
    try {
      await this.sampleOnce()
    } catch (error) {
      // A failed sample says nothing about the offset; the listeners learn the server is away.
      this.#report({ ok: false, error: error as Error })
    }
    if (!this.#running) return
    this.#timer = setTimeout(() => void this.#tick(), this.#nextDelay())
  }

  /** Burst while the best round trip is not good yet; burst again when the best one aged out. */
  #nextDelay(): number {
    const best = this.estimate
    const good = best !== null && best.rttMs <= this.goodRttMs
    const lastBest = this.#lastBest
    this.#lastBest = best
    if (!good && lastBest && this.#now() - lastBest.measuredAt > this.maxSampleAgeMs) {
      this.#burstLeft = this.burstSamples
    }
    if (!good && this.#burstLeft > 0) {
      this.#burstLeft--
      return this.burstGapMs
    }
    // Good, or a slow network where a burst found nothing better: the steady pace.
    this.#burstLeft = 0
    return this.steadyIntervalMs
  }

  #fresh(): TimeSample[] {
    const oldest = this.#now() - this.maxSampleAgeMs
    return this.#samples.filter((sample) => sample.receivedAt >= oldest)
  }

  #report(report: ClockReport): void {
    for (const listener of this.#listeners) listener(report)
  }
}

/** `fetchTime` for the real server: `GET /api/time` → `{ now }`. */
export function httpTimeSource(url = '/api/time', fetchImpl: typeof fetch = fetch) {
  return async (): Promise<number> => {
    const response = await fetchImpl(url, { cache: 'no-store' })
    if (!response.ok) throw new Error(`${url} answered ${response.status}`)
    const body: unknown = await response.json()
    const now = (body as { now?: unknown } | null)?.now
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new Error(`${url} must answer { "now": <ms> }, got ${JSON.stringify(body)}`)
    }
    return now
  }
}
