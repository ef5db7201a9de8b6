/** A fixed-capacity FIFO: pushing into a full buffer drops the oldest item. */
export class RingBuffer<T> {
  readonly capacity: number
  #items: (T | undefined)[]
  #start = 0
  #size = 0
  #totalPushed = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`)
    }
    this.capacity = capacity
    this.#items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.#size
  }

  /** Everything ever pushed, including what has been dropped since. */
  get totalPushed(): number {
    return this.#totalPushed
  }

  push(item: T): void {
    const end = (this.#start + this.#size) % this.capacity
    this.#items[end] = item
    if (this.#size < this.capacity) this.#size++
    else this.#start = (this.#start + 1) % this.capacity
    this.#totalPushed++
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) {
      out.push(this.#items[(this.#start + i) % this.capacity] as T)
    }
    return out
  }

  clear(): void {
    this.#items = new Array<T | undefined>(this.capacity)
    this.#start = 0
    this.#size = 0
    this.#totalPushed = 0
  }
}
