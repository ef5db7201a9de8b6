/** A token bucket: `burst` tokens at most, refilled at `perSecond`; one send takes one token. */
export class TokenBucket {
  #tokens: number
  #at: number

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.#tokens = burst
    this.#at = now
  }

  /** Takes a token: 0 when there was one, else the ms until there will be. */
  take(now: number): number {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.perSecond)
    this.#at = now
    if (this.#tokens >= 1) {
      this.#tokens -= 1
      return 0
    }
    return Math.ceil(((1 - this.#tokens) / this.perSecond) * 1000)
  }

  /** Returns the token taken last (what it was taken for did not count). */
  giveBack(): void {
    this.#tokens = Math.min(this.burst, this.#tokens + 1)
  }

  /** Full again: nothing to remember about this sender. */
  isFull(now: number): boolean {
    return this.#tokens + ((now - this.#at) / 1000) * this.perSecond >= this.burst
  }
}

export interface SendRates {
  /** Messages per second one client (page) may send, with bursts of twice that. */
  perClient: number
  /** The same for one IP address: a whole class behind one NAT. */
  perIp: number
}

/**
 * Limits sends (POST /api/messages and WebSocket `send`) per client id and per IP address, so
 * that one script cannot flood a room (seeds 004: rate limiting). The lab's own ticker appends on
 * the server and is not limited.
 */
export class SendLimiter {
  readonly #byClient = new Map<string, TokenBucket>()
  readonly #byIp = new Map<string, TokenBucket>()
  #pruneAt = 0

  constructor(
    readonly rates: SendRates,
    readonly now: () => number = Date.now,
  ) {}

  /** 0 when this send may go, else the ms to wait (for the `Retry-After` or the error frame). */
  check(ip: string, client: string | undefined): number {
    const now = this.now()
    this.#prune(now)
    const ipWait = bucket(this.#byIp, ip, this.rates.perIp, now).take(now)
    if (ipWait > 0 || client === undefined) return ipWait
    return bucket(this.#byClient, client, this.rates.perClient, now).take(now)
  }

  /** How many senders are remembered (to prove they are forgotten). */
  get size(): number {
    return this.#byClient.size + this.#byIp.size
  }

  #prune(now: number): void {
    if (now < this.#pruneAt) return
    this.#pruneAt = now + 10_000
    for (const buckets of [this.#byClient, this.#byIp]) {
      for (const [key, value] of buckets) if (value.isFull(now)) buckets.delete(key)
    }
  }
}

function bucket(
  buckets: Map<string, TokenBucket>,
  key: string,
  perSecond: number,
  now: number,
): TokenBucket {
  let found = buckets.get(key)
  if (!found) {
    found = new TokenBucket(perSecond, perSecond * 2, now)
    buckets.set(key, found)
  }
  return found
}

/** One sentence for a refused send. */
export function rateLimitedMessage(waitMs: number): string {
  return `too many messages too quickly: retry in ${Math.ceil(waitMs / 100) / 10} s`
}
