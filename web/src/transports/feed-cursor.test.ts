import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../lib/chat-message.ts'
import { backoffDelay } from './client.ts'
import { FeedCursor } from './feed-cursor.ts'

const m = (seq: number): ChatMessage => ({
  seq,
  ts: 0,
  room: 'lobby',
  kind: 'chat',
  user: 'ana',
  text: `m${seq}`,
})
const seqs = (messages: ChatMessage[]) => messages.map((message) => message.seq)

describe('FeedCursor', () => {
  it('moves past what it accepts and asks from there', () => {
    const cursor = new FeedCursor({ since: 4, epoch: 'e1' })
    expect(seqs(cursor.accept([m(5), m(6)]))).toEqual([5, 6])
    expect(cursor.query()).toEqual({ since: '6', epoch: 'e1' })
  })

  it('drops and counts a message it already has', () => {
    const cursor = new FeedCursor({ since: 6, epoch: 'e1' })
    expect(seqs(cursor.accept([m(6), m(7), m(7)]))).toEqual([7])
    expect(cursor.duplicates).toBe(2)
  })

  it('counts seqs that never came as missing, unless the server announced a gap', () => {
    const cursor = new FeedCursor({ since: 1, epoch: 'e1' })
    cursor.accept([m(2), m(5)])
    expect(cursor.missing).toBe(2)
    cursor.note({ epoch: 'e1', gap: true })
    cursor.accept([m(9)])
    expect(cursor.missing).toBe(2)
    expect(cursor.gaps).toBe(1)
  })

  it('starts over in a new epoch (server restarted)', () => {
    const cursor = new FeedCursor({ since: 40, epoch: 'old' })
    cursor.note({ epoch: 'new', reset: true })
    expect(seqs(cursor.accept([m(1), m(2)]))).toEqual([1, 2])
    expect(cursor.query()).toEqual({ since: '2', epoch: 'new' })
    expect(cursor.missing).toBe(0)
  })
})

describe('backoffDelay', () => {
  it('doubles from 500 ms, caps at 10 s, and spreads ±30 %', () => {
    const middle = () => 0.5
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 10_000,
    ])
    expect(backoffDelay(0, () => 0)).toBe(350)
    expect(backoffDelay(0, () => 1)).toBe(650)
  })
})
