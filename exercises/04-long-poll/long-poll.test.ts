import { getEventListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MessageLog, type Msg } from './long-poll.ts'

// Fake timers: a 30-second long poll times out in no real time at all.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** What a poll has done so far, as a failure message shows it. */
type PollState = 'still pending' | { answered: Msg[] } | { rejected: string }

/** Follows a poll without awaiting it, so a test can ask what it has done yet. */
function follow(poll: Promise<Msg[]>): { state: PollState } {
  const tracked: { state: PollState } = { state: 'still pending' }
  poll.then(
    (answer) => {
      tracked.state = { answered: answer }
    },
    (error: unknown) => {
      tracked.state = { rejected: String(error) }
    },
  )
  return tracked
}

/** Lets every promise that can settle right now settle (no timer runs). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

function logWith(...texts: string[]): MessageLog {
  const log = new MessageLog()
  for (const text of texts) log.append(text)
  return log
}

const TIMERS = 'timers still scheduled (a setTimeout that was not cleared)'

function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length
}

describe('append and since', () => {
  it('numbers messages from 1 in the order they arrive', () => {
    const log = new MessageLog()
    expect(log.append('oi'), "the first log.append('oi') returned").toEqual({ seq: 1, text: 'oi' })
    expect(log.append('tudo bem?'), "the second log.append('tudo bem?') returned").toEqual({
      seq: 2,
      text: 'tudo bem?',
    })
  })

  it('since(0) returns the whole log, oldest first', () => {
    const log = logWith('a', 'b', 'c')
    expect(log.since(0), 'since(0) after a, b, c returned').toEqual([
      { seq: 1, text: 'a' },
      { seq: 2, text: 'b' },
      { seq: 3, text: 'c' },
    ])
  })

  it('since(2) returns only the messages after seq 2', () => {
    const log = logWith('a', 'b', 'c', 'd')
    expect(log.since(2), 'since(2) after a, b, c, d returned').toEqual([
      { seq: 3, text: 'c' },
      { seq: 4, text: 'd' },
    ])
  })

  it('since(last seq) returns [] (the client is up to date)', () => {
    const log = logWith('a', 'b')
    expect(log.since(2), 'since(2) after a, b returned').toEqual([])
  })
})

describe('waitFor with a backlog', () => {
  it('answers at once with every message after the cursor, parking nothing', async () => {
    const log = logWith('a', 'b', 'c')
    const poll = follow(log.waitFor(1, 30_000))
    await settle()
    expect(poll.state, 'waitFor(1) after a, b, c, with no time passing').toEqual({
      answered: [
        { seq: 2, text: 'b' },
        { seq: 3, text: 'c' },
      ],
    })
    expect(log.waiting, 'log.waiting after a poll answered from the backlog').toBe(0)
    expect(vi.getTimerCount(), TIMERS).toBe(0)
  })

  it('loses no message appended between two polls', async () => {
    const log = new MessageLog()
    const first = follow(log.waitFor(0, 30_000))
    log.append('um')
    await settle()
    expect(first.state, 'the first poll, waitFor(0), after append("um")').toEqual({
      answered: [{ seq: 1, text: 'um' }],
    })
    // The client is busy rendering; two messages arrive before it polls again.
    log.append('dois')
    log.append('três')
    const second = follow(log.waitFor(1, 30_000))
    await settle()
    expect(second.state, 'the second poll, waitFor(1), after "dois" and "três" arrived').toEqual({
      answered: [
        { seq: 2, text: 'dois' },
        { seq: 3, text: 'três' },
      ],
    })
  })
})

describe('waitFor on an up-to-date cursor', () => {
  it('stays pending and counts as waiting until the next append', async () => {
    const log = logWith('a')
    const poll = follow(log.waitFor(1, 30_000))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(poll.state, 'waitFor(1, 30_000) on a log of 1 message, 10 s later').toBe('still pending')
    expect(log.waiting, 'log.waiting while one poll is parked').toBe(1)
  })

  it('answers with the appended message and stops waiting', async () => {
    const log = logWith('a')
    const poll = follow(log.waitFor(1, 30_000))
    log.append('b')
    await settle()
    expect(poll.state, 'waitFor(1) after append("b")').toEqual({
      answered: [{ seq: 2, text: 'b' }],
    })
    expect(log.waiting, 'log.waiting once the poll has answered').toBe(0)
  })

  it('wakes every waiting client with the same message', async () => {
    const log = new MessageLog()
    const polls = [0, 1, 2].map(() => follow(log.waitFor(0, 30_000)))
    expect(log.waiting, 'log.waiting with three parked polls').toBe(3)
    log.append('para todos')
    await settle()
    expect(
      polls.map((poll) => poll.state),
      'the three polls after one append',
    ).toEqual([0, 1, 2].map(() => ({ answered: [{ seq: 1, text: 'para todos' }] })))
    expect(log.waiting, 'log.waiting once all three have answered').toBe(0)
  })

  it('clears its timeout when a message arrives (no timer left behind)', async () => {
    const log = new MessageLog()
    follow(log.waitFor(0, 30_000))
    expect(vi.getTimerCount(), 'timers scheduled by one parked poll').toBe(1)
    log.append('a')
    await settle()
    expect(vi.getTimerCount(), TIMERS).toBe(0)
  })
})

describe('waitFor on a cursor ahead of the log', () => {
  it('waits for a message after the cursor: appends that do not reach it answer nothing', async () => {
    const log = logWith('a', 'b')
    expect(log.since(4), 'since(4) on a log whose last seq is 2').toEqual([])
    const poll = follow(log.waitFor(4, 30_000))
    await settle()
    expect(poll.state, 'waitFor(4) on a log whose last seq is 2').toBe('still pending')
    log.append('c')
    log.append('d')
    await settle()
    expect(poll.state, 'waitFor(4) after seq 3 and 4 arrived (nothing after 4 yet)').toBe(
      'still pending',
    )
    expect(log.waiting, 'log.waiting while waitFor(4) waits for seq 5').toBe(1)
    log.append('e')
    await settle()
    expect(poll.state, 'waitFor(4) after seq 5 arrived').toEqual({
      answered: [{ seq: 5, text: 'e' }],
    })
    expect(log.waiting, 'log.waiting once waitFor(4) has answered').toBe(0)
  })
})

describe('waitFor timeout', () => {
  it('answers [] exactly when timeoutMs has elapsed, not before', async () => {
    const log = new MessageLog()
    const poll = follow(log.waitFor(0, 30_000))
    await vi.advanceTimersByTimeAsync(29_999)
    expect(poll.state, 'waitFor(0, 30_000) after 29 999 ms').toBe('still pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(poll.state, 'waitFor(0, 30_000) after 30 000 ms').toEqual({ answered: [] })
  })

  it('forgets a timed-out waiter', async () => {
    const log = new MessageLog()
    follow(log.waitFor(0, 5_000))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(log.waiting, 'log.waiting after the poll timed out').toBe(0)
  })
})

describe('waitFor with an AbortSignal', () => {
  it('answers [] as soon as the signal aborts', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    const poll = follow(log.waitFor(0, 30_000, controller.signal))
    await settle()
    expect(poll.state, 'the poll before the abort').toBe('still pending')
    controller.abort()
    await settle()
    expect(poll.state, 'the poll right after controller.abort()').toEqual({ answered: [] })
  })

  it('drops the aborted waiter and its timer', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    follow(log.waitFor(0, 30_000, controller.signal))
    controller.abort()
    await settle()
    expect(log.waiting, 'log.waiting after the abort').toBe(0)
    expect(vi.getTimerCount(), TIMERS).toBe(0)
  })

  it('answers [] at once when the signal is already aborted', async () => {
    const log = new MessageLog()
    const poll = follow(log.waitFor(0, 30_000, AbortSignal.abort()))
    await settle()
    expect(poll.state, 'waitFor with an already-aborted signal, no time passing').toEqual({
      answered: [],
    })
    expect(log.waiting, 'log.waiting after a poll whose signal was already aborted').toBe(0)
    expect(vi.getTimerCount(), TIMERS).toBe(0)
  })

  it('an already-aborted signal wins over a backlog: [] at once, and the messages stay in the log', async () => {
    const log = logWith('a', 'b')
    const gone = follow(log.waitFor(0, 30_000, AbortSignal.abort()))
    await settle()
    expect(gone.state, 'waitFor(0) with a backlog and an already-aborted signal').toEqual({
      answered: [],
    })
    const next = follow(log.waitFor(0, 30_000))
    await settle()
    expect(next.state, 'the next poll, waitFor(0), with a live client').toEqual({
      answered: [
        { seq: 1, text: 'a' },
        { seq: 2, text: 'b' },
      ],
    })
  })

  it('a message appended after the abort goes to the next poll, not the dead one', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    const dead = follow(log.waitFor(0, 30_000, controller.signal))
    controller.abort()
    log.append('depois')
    const next = follow(log.waitFor(0, 30_000))
    await settle()
    expect(dead.state, 'the aborted poll').toEqual({ answered: [] })
    expect(next.state, 'the next poll, waitFor(0)').toEqual({
      answered: [{ seq: 1, text: 'depois' }],
    })
  })

  it('removes its abort listener when a message answers it', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    follow(log.waitFor(0, 30_000, controller.signal))
    log.append('a')
    await settle()
    expect(
      abortListeners(controller.signal),
      'abort listeners left on the signal after append answered the poll',
    ).toBe(0)
  })

  it('removes its abort listener when it times out', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    follow(log.waitFor(0, 5_000, controller.signal))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(
      abortListeners(controller.signal),
      'abort listeners left on the signal after the poll timed out',
    ).toBe(0)
  })
})
