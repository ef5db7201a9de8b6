import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MessageLog, type Msg } from './long-poll.ts'

// Fake timers: a 30-second long poll times out in no real time at all.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Follows a poll without awaiting it, so a test can ask whether it has answered yet. */
function follow(poll: Promise<Msg[]>): { answer: Msg[] | undefined } {
  const state: { answer: Msg[] | undefined } = { answer: undefined }
  void poll.then((answer) => {
    state.answer = answer
  })
  return state
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

describe('append and since', () => {
  it('numbers messages from 1 in the order they arrive', () => {
    const log = new MessageLog()
    expect(log.append('oi')).toEqual({ seq: 1, text: 'oi' })
    expect(log.append('tudo bem?')).toEqual({ seq: 2, text: 'tudo bem?' })
  })

  it('since(0) returns the whole log, oldest first', () => {
    const log = logWith('a', 'b', 'c')
    expect(log.since(0)).toEqual([
      { seq: 1, text: 'a' },
      { seq: 2, text: 'b' },
      { seq: 3, text: 'c' },
    ])
  })

  it('since(2) returns only the messages after seq 2', () => {
    const log = logWith('a', 'b', 'c', 'd')
    expect(log.since(2)).toEqual([
      { seq: 3, text: 'c' },
      { seq: 4, text: 'd' },
    ])
  })

  it('since(last seq) returns [] (the client is up to date)', () => {
    const log = logWith('a', 'b')
    expect(log.since(2)).toEqual([])
  })
})

describe('waitFor with a backlog', () => {
  it('answers at once with every message after the cursor, parking nothing', async () => {
    const log = logWith('a', 'b', 'c')
    const poll = follow(log.waitFor(1, 30_000))
    await settle()
    expect(poll.answer).toEqual([
      { seq: 2, text: 'b' },
      { seq: 3, text: 'c' },
    ])
    expect(log.waiting).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('loses no message appended between two polls', async () => {
    const log = new MessageLog()
    const first = follow(log.waitFor(0, 30_000))
    log.append('um')
    await settle()
    expect(first.answer).toEqual([{ seq: 1, text: 'um' }])
    // The client is busy rendering; two messages arrive before it polls again.
    log.append('dois')
    log.append('três')
    const second = follow(log.waitFor(1, 30_000))
    await settle()
    expect(second.answer).toEqual([
      { seq: 2, text: 'dois' },
      { seq: 3, text: 'três' },
    ])
  })
})

describe('waitFor on an up-to-date cursor', () => {
  it('stays pending and counts as waiting until the next append', async () => {
    const log = logWith('a')
    const poll = follow(log.waitFor(1, 30_000))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(poll.answer).toBeUndefined()
    expect(log.waiting).toBe(1)
  })

  it('answers with the appended message and stops waiting', async () => {
    const log = logWith('a')
    const poll = follow(log.waitFor(1, 30_000))
    log.append('b')
    await settle()
    expect(poll.answer).toEqual([{ seq: 2, text: 'b' }])
    expect(log.waiting).toBe(0)
  })

  it('wakes every waiting client with the same message', async () => {
    const log = new MessageLog()
    const polls = [0, 1, 2].map(() => follow(log.waitFor(0, 30_000)))
    expect(log.waiting).toBe(3)
    log.append('para todos')
    await settle()
    for (const poll of polls) expect(poll.answer).toEqual([{ seq: 1, text: 'para todos' }])
    expect(log.waiting).toBe(0)
  })

  it('clears its timeout when a message arrives (no timer left behind)', async () => {
    const log = new MessageLog()
    follow(log.waitFor(0, 30_000))
    expect(vi.getTimerCount()).toBe(1)
    log.append('a')
    await settle()
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('waitFor timeout', () => {
  it('answers [] exactly when timeoutMs has elapsed, not before', async () => {
    const log = new MessageLog()
    const poll = follow(log.waitFor(0, 30_000))
    await vi.advanceTimersByTimeAsync(29_999)
    expect(poll.answer).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(poll.answer).toEqual([])
  })

  it('forgets a timed-out waiter', async () => {
    const log = new MessageLog()
    follow(log.waitFor(0, 5_000))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(log.waiting).toBe(0)
  })
})

describe('waitFor with an AbortSignal', () => {
  it('answers [] as soon as the signal aborts', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    const poll = follow(log.waitFor(0, 30_000, controller.signal))
    await settle()
    expect(poll.answer).toBeUndefined()
    controller.abort()
    await settle()
    expect(poll.answer).toEqual([])
  })

  it('drops the aborted waiter and its timer', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    follow(log.waitFor(0, 30_000, controller.signal))
    controller.abort()
    await settle()
    expect(log.waiting).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('answers [] at once when the signal is already aborted', async () => {
    const log = new MessageLog()
    const poll = follow(log.waitFor(0, 30_000, AbortSignal.abort()))
    await settle()
    expect(poll.answer).toEqual([])
    expect(log.waiting).toBe(0)
  })

  it('a message appended after the abort goes to the next poll, not the dead one', async () => {
    const log = new MessageLog()
    const controller = new AbortController()
    const dead = follow(log.waitFor(0, 30_000, controller.signal))
    controller.abort()
    log.append('depois')
    const next = follow(log.waitFor(0, 30_000))
    await settle()
    expect(dead.answer).toEqual([])
    expect(next.answer).toEqual([{ seq: 1, text: 'depois' }])
  })
})
