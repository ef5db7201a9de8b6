import { LatencyHistogram } from '../stats.ts'

/** What all the clients of one step share: the latency histogram and the window's count. */
export class Delivery {
  readonly histogram = new LatencyHistogram()
  /** True during the measured window only: warm-up and drain are not counted. */
  recording = false
  deliveredInWindow = 0
  /** Requests that failed and connections that broke after the client was ready, all clients. */
  errors = 0
  readonly subscribers: Subscriber[] = []

  subscriber(): Subscriber {
    const subscriber = new Subscriber(this)
    this.subscribers.push(subscriber)
    return subscriber
  }

  /** Messages some client will never get: seqs it skipped. */
  lost(): number {
    return this.subscribers.reduce((sum, s) => sum + s.missing, 0)
  }

  /** Messages not (yet) arrived at the end: the tail each client had not reached. */
  late(produced: number): number {
    return this.subscribers.reduce((sum, s) => sum + Math.max(0, produced - s.last), 0)
  }

  duplicated(): number {
    return this.subscribers.reduce((sum, s) => sum + s.duplicates, 0)
  }

  /** True once every client has received up to `produced`. */
  caughtUp(produced: number): boolean {
    return this.subscribers.every((s) => s.last >= produced)
  }
}

/**
 * One client's view of the room: seqs must come 1, 2, 3… once each. A skipped seq is lost (every
 * transport here delivers in order on one connection), one at or below the last is a duplicate.
 */
export class Subscriber {
  last = 0
  missing = 0
  duplicates = 0
  /** This client's failed requests and broken connections. */
  errors = 0

  constructor(readonly delivery: Delivery) {}

  /** Counts a message; its latency (ms) when it is new, undefined for a duplicate. */
  receive(seq: number, ts: number): number | undefined {
    const latencyMs = Date.now() - ts
    if (seq <= this.last) {
      this.duplicates++
      return undefined
    }
    this.missing += seq - this.last - 1
    this.last = seq
    if (this.delivery.recording) {
      this.delivery.deliveredInWindow++
      this.delivery.histogram.add(latencyMs)
    }
    return latencyMs
  }

  fail(): void {
    this.errors++
    this.delivery.errors++
  }
}
