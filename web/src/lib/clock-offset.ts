/** One `/api/time` round trip; all three in client ms except `serverNow` (server ms). */
export interface TimeSample {
  sentAt: number
  serverNow: number
  receivedAt: number
}

export interface OffsetEstimate {
  /** Add to a client time to get the server time: serverTime ≈ clientTime + offsetMs. */
  offsetMs: number
  /** Half the round trip: the server read its clock somewhere inside it. */
  uncertaintyMs: number
  rttMs: number
  /** Client ms of the sample this estimate comes from. */
  measuredAt: number
}

/** Cristian's algorithm for one sample: the server's reading is taken to be mid-round-trip. */
export function estimateFromSample(sample: TimeSample): OffsetEstimate {
  const rttMs = sample.receivedAt - sample.sentAt
  if (rttMs < 0) throw new RangeError(`receivedAt must not precede sentAt (rtt ${rttMs} ms)`)
  return {
    offsetMs: sample.serverNow + rttMs / 2 - sample.receivedAt,
    uncertaintyMs: rttMs / 2,
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

/** Latency = arrivalClientMs + offsetMs − messageTs: the arrival, moved onto the server's clock, minus the server's send time. */
export function messageLatencyMs(arrivalClientMs: number, offsetMs: number, messageTs: number) {
  return arrivalClientMs + offsetMs - messageTs
}

export interface ClockOffsetOptions {
  /** Resolves to the server's clock in ms (`GET /api/time` → `now`). */
  fetchTime: () => Promise<number>
  /** Client clock in ms since epoch; must be the clock message arrivals are stamped with. */
  now?: () => number
  /** How many recent samples compete for lowest RTT. */
  windowSize?: number
  samplesPerRefresh?: number
  refreshIntervalMs?: number
}

// performance.now() is monotonic: Date.now() can jump (NTP, the user) in the middle of a round trip.
const monotonicEpochMs = () => performance.timeOrigin + performance.now()

/**
 * Keeps the lowest-RTT sample among the last `windowSize` (default 8) samples. Older samples leave
 * the window so that clock drift and changed network paths show up within a few refreshes instead
 * of being hidden forever behind one lucky fast round trip.
 */
export class ClockOffsetEstimator {
  readonly windowSize: number
  readonly samplesPerRefresh: number
  readonly refreshIntervalMs: number
  #fetchTime: () => Promise<number>
  #now: () => number
  #samples: TimeSample[] = []
  #listeners = new Set<(estimate: OffsetEstimate) => void>()
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(options: ClockOffsetOptions) {
    this.#fetchTime = options.fetchTime
    this.#now = options.now ?? monotonicEpochMs
    this.windowSize = options.windowSize ?? 8
    this.samplesPerRefresh = options.samplesPerRefresh ?? 4
    this.refreshIntervalMs = options.refreshIntervalMs ?? 30_000
  }

  get estimate(): OffsetEstimate | null {
    return bestEstimate(this.#samples)
  }

  /** Calls `listener` after every sample, with the current best estimate. */
  onEstimate(listener: (estimate: OffsetEstimate) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async sampleOnce(): Promise<OffsetEstimate> {
    const sentAt = this.#now()
    const serverNow = await this.#fetchTime()
    const receivedAt = this.#now()
    this.#samples.push({ sentAt, serverNow, receivedAt })
    if (this.#samples.length > this.windowSize) this.#samples.shift()
    const best = this.estimate as OffsetEstimate
    for (const listener of this.#listeners) listener(best)
    return best
  }

  /** Samples one after another (never in parallel: parallel requests queue and inflate the RTT). */
  async refresh(): Promise<OffsetEstimate | null> {
    for (let i = 0; i < this.samplesPerRefresh; i++) {
      try {
        await this.sampleOnce()
      } catch {
        // A failed sample says nothing about the offset; the next refresh tries again.
      }
    }
    return this.estimate
  }

  start(): void {
    if (this.#timer !== undefined) return
    void this.refresh()
    this.#timer = setInterval(() => void this.refresh(), this.refreshIntervalMs)
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
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
