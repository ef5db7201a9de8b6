// Exercise 04-long-poll: the message log behind a long-poll endpoint.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 04-long-poll`.

/** One chat message: `seq` counts from 1 with no gaps, so a client's cursor is the last seq it saw. */
export interface Msg {
  seq: number
  text: string
}

export class MessageLog {
  // Hint: an array of Msg for the log, and a Set of parked waiters (each one knows its cursor
  // and how to answer its promise). Add the private fields you need.

  // log.waiting  // → 2 while two waitFor calls are parked
  //
  // Traps:
  // - count only polls still waiting: one that was answered, timed out or aborted is gone.
  get waiting(): number {
    // TODO(04-long-poll): your code here
    throw new Error('TODO(04-long-poll): return how many waitFor calls are still parked')
  }

  // log.append('oi')  // → { seq: 1, text: 'oi' }, and every parked waitFor answers
  //
  // Traps:
  // - wake every waiter, not only the first one.
  // - answering a waiter removes it: do not skip one while you walk the collection.
  append(text: string): Msg {
    // TODO(04-long-poll): your code here
    throw new Error(
      `TODO(04-long-poll): store ${JSON.stringify(text)} with the next seq and wake the waiters`,
    )
  }

  // log.since(2)  // → [{ seq: 3, … }, { seq: 4, … }]: the messages with seq > 2
  //
  // Traps:
  // - the cursor is the last seq the client already has: do not send it again.
  since(seq: number): Msg[] {
    // TODO(04-long-poll): your code here
    throw new Error(`TODO(04-long-poll): return the messages with seq > ${seq}`)
  }

  // await log.waitFor(3, 30_000, request.signal)
  //   → [] at once if the signal has already aborted (even with a backlog: it stays in the log);
  //   → otherwise at once with the backlog (seq > 3) if there is one;
  //   → otherwise with [the new message] when an append brings one after the cursor;
  //   → otherwise [] after 30 000 ms, or [] as soon as the signal aborts.
  //
  // Traps:
  // - check the backlog before parking, or messages sent between two polls are lost.
  // - a cursor ahead of the log (waitFor(7) when the log ends at 5) waits for seq 8: an append
  //   that brings nothing after the cursor answers nothing ([] means timeout or abort only).
  // - clear the timer when you answer early: a forgotten timer keeps the waiter alive.
  // - an abort listener added to an already-aborted signal never fires.
  // - whatever answers (message, timeout, abort), the waiter must leave the set and its abort
  //   listener must leave the signal.
  waitFor(since: number, timeoutMs: number, signal?: AbortSignal): Promise<Msg[]> {
    // TODO(04-long-poll): your code here
    throw new Error(
      `TODO(04-long-poll): answer after seq ${since} within ${timeoutMs} ms (aborted: ${signal?.aborted ?? false})`,
    )
  }
}
