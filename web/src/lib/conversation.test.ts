import { describe, expect, it } from 'vitest'
import type { ChatMessage } from './chat-message.ts'
import { Conversation } from './conversation.ts'

const message = (seq: number, kind: ChatMessage['kind'] = 'chat'): ChatMessage => ({
  seq,
  ts: 1000 + seq,
  room: 'lobby',
  kind,
  user: kind === 'tick' ? 'ticker' : 'ana',
  text: `m${seq}`,
})

describe('Conversation', () => {
  it('shows each message once, with its transports in the order they arrived', () => {
    const room = new Conversation()
    room.arrive('poll', 'e1', message(1), { kind: 'one-way', ms: 800, atMost: false }, 1_800)
    room.arrive('ws', 'e1', message(1), { kind: 'one-way', ms: 1, atMost: true }, 1_001)
    room.arrive('sse', 'e1', message(1), { kind: 'one-way', ms: 2, atMost: false }, 1_002)
    room.arrive('ws', 'e1', message(1), { kind: 'one-way', ms: 1, atMost: true }, 1_001)
    const [row] = room.rows(false)
    expect(row?.kind === 'message' && row.entry.marks.map((mark) => mark.transport)).toEqual([
      'ws',
      'sse',
      'poll',
    ])
  })

  it('folds runs of ticker messages into one row that shows the newest tick', () => {
    const room = new Conversation()
    room.addHistory('e1', [message(1), message(2, 'tick'), message(3, 'tick'), message(4)])
    room.arrive('ws', 'e1', message(5, 'tick'), { kind: 'caught-up' }, 5)
    expect(room.rows(false).map((row) => row.kind)).toEqual([
      'message',
      'ticks',
      'message',
      'ticks',
    ])
    const ticks = room.rows(false)[1]
    expect(ticks).toMatchObject({ kind: 'ticks', count: 2, firstSeq: 2 })
    expect(ticks?.kind === 'ticks' && ticks.newest.message.seq).toBe(3)
    expect(room.rows(true)).toHaveLength(5)
  })

  it('keeps only the newest messages', () => {
    const room = new Conversation(3)
    room.addHistory(
      'e1',
      [1, 2, 3, 4, 5].map((seq) => message(seq)),
    )
    expect(room.entries().map((entry) => entry.message.seq)).toEqual([3, 4, 5])
  })

  it('keeps a restarted server’s new log apart, after a marker, instead of hiding it behind the old seqs', () => {
    const room = new Conversation()
    room.addHistory('old', [message(1), message(2), message(3)])
    room.arrive('ws', 'new', message(1), { kind: 'one-way', ms: 2, atMost: false }, 10)
    room.arrive('ws', 'new', message(2), { kind: 'one-way', ms: 2, atMost: false }, 11)
    const rows = room.rows(false)
    expect(rows.map((row) => row.kind)).toEqual([
      'message',
      'message',
      'message',
      'restart',
      'message',
      'message',
    ])
    expect(room.entries().map((entry) => `${entry.epoch}:${entry.message.seq}`)).toEqual([
      'old:1',
      'old:2',
      'old:3',
      'new:1',
      'new:2',
    ])
  })

  it('bumps the version of an entry that got a new arrival, so a view redraws only it', () => {
    const room = new Conversation()
    room.addHistory('e1', [message(1), message(2)])
    room.arrive('sse', 'e1', message(2), { kind: 'round-trip', ms: 3 }, 10)
    expect(room.entries().map((entry) => entry.version)).toEqual([0, 1])
  })

  it('forgets the messages a clear covers, and keeps late arrivals of them out', () => {
    const room = new Conversation()
    room.addHistory('e1', [message(1), message(2)])
    room.arrive('ws', 'e1', message(3), { kind: 'one-way', ms: 5, atMost: false }, 1_005)
    room.clearUpTo(3)
    room.arrive('poll', 'e1', message(3), { kind: 'one-way', ms: 900, atMost: false }, 1_900)
    room.addHistory('e1', [message(2)])
    room.arrive('ws', 'e1', message(4), { kind: 'one-way', ms: 5, atMost: false }, 2_005)
    expect(room.entries().map((entry) => entry.message.seq)).toEqual([4])
  })
})
