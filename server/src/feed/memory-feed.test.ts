import { describe, expect, it } from 'vitest'
import type { Message } from '../protocol.ts'
import { MemoryFeed, newEpoch } from './memory-feed.ts'

const chat = (text: string, clientMsgId?: string) => ({
  kind: 'chat' as const,
  user: 'ana',
  text,
  ...(clientMsgId && { clientMsgId }),
})

function feedWith(count: number, retentionPerRoom = 100) {
  let clock = 1_000
  const feed = new MemoryFeed({ retentionPerRoom, epoch: 'e1', now: () => clock++ })
  return (async () => {
    for (let i = 1; i <= count; i++) await feed.append('lobby', chat(`m${i}`))
    return feed
  })()
}

describe('newEpoch', () => {
  it('is 8 letters or digits, never a "-" a command line would read as an option', () => {
    const epochs = Array.from({ length: 2000 }, newEpoch)
    for (const epoch of epochs) expect(epoch).toMatch(/^[A-Za-z0-9]{8}$/)
    expect(new Set(epochs).size).toBe(epochs.length)
  })
})

describe('MemoryFeed', () => {
  it('numbers each room from 1 with the server clock', async () => {
    const feed = await feedWith(2)
    await feed.append('other', chat('x'))
    const batch = await feed.read('lobby', { since: 0 }, 10)
    expect(batch.messages.map((m) => [m.seq, m.ts, m.text])).toEqual([
      [1, 1_000, 'm1'],
      [2, 1_001, 'm2'],
    ])
    expect(feed.head('other')).toBe(1)
  })

  it('reads exactly the messages after the cursor, up to the limit', async () => {
    const feed = await feedWith(5)
    const batch = await feed.read('lobby', { since: 2, epoch: 'e1' }, 2)
    expect(batch).toEqual({ epoch: 'e1', head: 5, messages: expect.any(Array) })
    expect(batch.messages.map((m) => m.seq)).toEqual([3, 4])
  })

  it('drops the oldest past retention and tells a cursor behind it about the gap', async () => {
    const feed = await feedWith(7, 3)
    const batch = await feed.read('lobby', { since: 1, epoch: 'e1' }, 10)
    expect(batch.gap).toBe(true)
    expect(batch.messages.map((m) => m.seq)).toEqual([5, 6, 7])
    const history = await feed.history('lobby', 10)
    expect(history.messages.map((m) => m.seq)).toEqual([5, 6, 7])
  })

  it('answers a foreign epoch from the retained start with reset', async () => {
    const feed = await feedWith(3)
    const batch = await feed.read('lobby', { since: 99, epoch: 'old' }, 10)
    expect(batch.reset).toBe(true)
    expect(batch.messages.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('appends a clientMsgId once and returns the first message again', async () => {
    const feed = await feedWith(0)
    const first = await feed.append('lobby', chat('oi', 'id-1'))
    const again = await feed.append('lobby', chat('oi', 'id-1'))
    expect(first.duplicate).toBe(false)
    expect(again).toEqual({ message: first.message, duplicate: true })
    expect(feed.head('lobby')).toBe(1)
  })

  it('forgets a clientMsgId whose message left retention', async () => {
    const feed = await feedWith(0, 1)
    await feed.append('lobby', chat('oi', 'id-1'))
    await feed.append('lobby', chat('next'))
    const again = await feed.append('lobby', chat('oi', 'id-1'))
    expect(again.duplicate).toBe(false)
    expect(again.message.seq).toBe(3)
  })

  it('notifies subscribers after storing, and a failing one does not stop the others', async () => {
    const failures: string[] = []
    const feed = new MemoryFeed({
      retentionPerRoom: 10,
      onListenerError: (error) => failures.push((error as Error).message),
    })
    const seen: number[] = []
    feed.subscribe('lobby', () => {
      throw new Error('broken subscriber')
    })
    const unsubscribe = feed.subscribe('lobby', (m: Message) =>
      seen.push(feed.head('lobby') === m.seq ? m.seq : -1),
    )
    await feed.append('lobby', chat('a'))
    expect(failures).toEqual(['broken subscriber'])
    unsubscribe()
    await feed.append('lobby', chat('b'))
    expect(seen).toEqual([1])
    expect(feed.listenerCount('lobby')).toBe(1)
  })
})
