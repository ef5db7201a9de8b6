import { MAX_REPORT_SAMPLES } from '../../src/class/protocol.ts'
import { Subscriber } from '../load/clients/subscriber.ts'

/** One transport's figures over an experiment, as the page counts them after its reset. */
export interface WindowFigures {
  received: number
  samples: number[]
  missing: number
  repeated: number
}

/**
 * The load bench's subscriber (seq order, lost and duplicated messages, the step's histogram)
 * plus what a class page keeps of one transport: its count, the samples its next report carries,
 * and an experiment's samples from its start.
 */
export class PageSubscriber extends Subscriber {
  received = 0
  #fresh: number[] = []
  #window: { samples: number[]; received: number; missing: number; repeated: number } | undefined

  override receive(seq: number, ts: number): number | undefined {
    const latencyMs = super.receive(seq, ts)
    if (latencyMs === undefined) return undefined
    // One clock on both ends: below zero is only the rounding of two readings.
    const sample = Math.max(0, latencyMs)
    this.received++
    this.#fresh.push(sample)
    if (this.#fresh.length > MAX_REPORT_SAMPLES) this.#fresh.shift()
    this.#window?.samples.push(sample)
    return latencyMs
  }

  /** The samples since the last report (the newest, at most what one report carries). */
  takeFresh(): number[] {
    const fresh = this.#fresh
    this.#fresh = []
    return fresh
  }

  /** The experiment starts: the page's figures from zero. */
  beginWindow(): void {
    this.#window = {
      samples: [],
      received: this.received,
      missing: this.missing,
      repeated: this.duplicates,
    }
  }

  /** The experiment ended: its figures, or none if this page never saw it start. */
  endWindow(): WindowFigures | undefined {
    const window = this.#window
    this.#window = undefined
    if (!window) return undefined
    return {
      received: this.received - window.received,
      samples: window.samples,
      missing: this.missing - window.missing,
      repeated: this.duplicates - window.repeated,
    }
  }
}
