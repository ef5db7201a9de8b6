/** One chat message: `seq` counts from 1 with no gaps, so a client's cursor is the last seq it saw. */
export interface Msg {
  seq: number
  text: string
}

/** A parked long-poll request: the cursor it asked from and how to answer it. */
interface Waiter {
  since: number
  answer: (messages: Msg[]) => void
}

export class MessageLog {
  #messages: Msg[] = []
  #waiters = new Set<Waiter>()

  /** Number of `waitFor` calls still parked (no answer yet). */
  get waiting(): number {
    return this.#waiters.size
  }

  append(text: string): Msg {
    const msg: Msg = { seq: this.#messages.length + 1, text }
    this.#messages.push(msg)
    // Copy first: answering a waiter removes it from the set we are walking.
    for (const waiter of [...this.#waiters]) {
      const news = this.since(waiter.since)
      // A cursor ahead of the log waits for a message after it: [] means timeout or abort only.
      if (news.length > 0) waiter.answer(news)
    }
    return msg
  }

  since(seq: number): Msg[] {
    // messages[i] has seq i + 1, so "seq > cursor" starts at index cursor.
    return this.#messages.slice(Math.max(0, seq))
  }

  waitFor(since: number, timeoutMs: number, signal?: AbortSignal): Promise<Msg[]> {
    // An abort listener added to an already-aborted signal never fires: check first.
    if (signal?.aborted) return Promise.resolve([])
    const backlog = this.since(since)
    if (backlog.length > 0) return Promise.resolve(backlog)

    return new Promise((resolve) => {
      const answer = (messages: Msg[]): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.#waiters.delete(waiter)
        resolve(messages)
      }
      const onAbort = (): void => answer([])
      const waiter: Waiter = { since, answer }
      const timer = setTimeout(() => answer([]), timeoutMs)
      signal?.addEventListener('abort', onAbort)
      this.#waiters.add(waiter)
    })
  }
}
