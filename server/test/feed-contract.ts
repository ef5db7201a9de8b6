import { describe, expect, it } from 'vitest'
import type { Feed } from '../src/feed/index.ts'
import type { Message } from '../src/protocol.ts'

/** What a contract test asks of a store: a new, empty one. */
export type FeedMaker = (options: {
  retentionPerRoom: number
  now?: () => number
  onListenerError?: (error: unknown) => void
}) => Promise<Feed>

export const chat = (text: string, clientMsgId?: string) => ({
  kind: 'chat' as const,
  user: 'ana',
  text,
  ...(clientMsgId && { clientMsgId }),
})

/** Resolves once `condition` holds (a Redis delivery is asynchronous). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a delivery')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * The Feed contract of docs/DESIGN.md ("The one idea"), run against each store: the memory one and
 * the Redis one must answer every cursor alike.
 */
export function describeFeedContract(name: string, makeFeed: FeedMaker): void {
  async function feedWith(count: number, retentionPerRoom = 100) {
    let clock = 1_000
    const feed = await makeFeed({ retentionPerRoom, now: () => clock++ })
    for (let i = 1; i <= count; i++) await feed.append('lobby', chat(`m${i}`))
    return feed
  }

  const epochOf = async (feed: Feed) => (await feed.read('lobby', { since: 0 }, 0)).epoch

  describe(`${name}: the Feed contract`, () => {
    it('numbers each room from 1 with the appending server clock', async () => {
      const feed = await feedWith(2)
      await feed.append('other', chat('x'))
      const batch = await feed.read('lobby', { since: 0 }, 10)
      expect(batch.messages.map((m) => [m.seq, m.ts, m.text])).toEqual([
        [1, 1_000, 'm1'],
        [2, 1_001, 'm2'],
      ])
      expect(batch.messages[0]).toEqual({
        seq: 1,
        ts: 1_000,
        room: 'lobby',
        kind: 'chat',
        user: 'ana',
        text: 'm1',
      })
      expect(await feed.head('other')).toBe(1)
      expect(await feed.head('empty')).toBe(0)
    })

    it('reads exactly the messages after the cursor, up to the limit, in one epoch', async () => {
      const feed = await feedWith(5)
      const epoch = await epochOf(feed)
      expect(epoch).toMatch(/^[A-Za-z0-9]{8}$/)
      const batch = await feed.read('lobby', { since: 2, epoch }, 2)
      expect(batch).toEqual({ epoch, head: 5, messages: expect.any(Array) })
      expect(batch.messages.map((m) => m.seq)).toEqual([3, 4])
      const all = await feed.read('lobby', { since: 0, epoch }, Number.POSITIVE_INFINITY)
      expect(all.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
      expect((await feed.read('lobby', { since: 5, epoch }, 10)).messages).toEqual([])
    })

    it('drops the oldest past retention and tells a cursor behind it about the gap', async () => {
      const feed = await feedWith(7, 3)
      const epoch = await epochOf(feed)
      const batch = await feed.read('lobby', { since: 1, epoch }, 10)
      expect(batch.gap).toBe(true)
      expect(batch.messages.map((m) => m.seq)).toEqual([5, 6, 7])
      expect((await feed.read('lobby', { since: 4, epoch }, 10)).gap).toBeUndefined()
      const history = await feed.history('lobby', 10)
      expect(history.messages.map((m) => m.seq)).toEqual([5, 6, 7])
      expect((await feed.history('lobby', 2)).messages.map((m) => m.seq)).toEqual([6, 7])
    })

    it('answers a foreign epoch from the retained start with reset (and gap if it dropped some)', async () => {
      const feed = await feedWith(3)
      const batch = await feed.read('lobby', { since: 99, epoch: 'old' }, 10)
      expect(batch.reset).toBe(true)
      expect(batch.gap).toBeUndefined()
      expect(batch.messages.map((m) => m.seq)).toEqual([1, 2, 3])
      const trimmed = await feedWith(5, 2)
      const after = await trimmed.read('lobby', { since: 1, epoch: 'old' }, 10)
      expect([after.reset, after.gap, after.messages.map((m) => m.seq)]).toEqual([
        true,
        true,
        [4, 5],
      ])
    })

    it('refuses a cursor ahead of the head in the same epoch (400)', async () => {
      const feed = await feedWith(2)
      const epoch = await epochOf(feed)
      await expect(feed.read('lobby', { since: 3, epoch }, 10)).rejects.toMatchObject({
        status: 400,
        code: 'bad_request',
      })
    })

    it('appends a clientMsgId once and returns the first message again; another text is a 409', async () => {
      const feed = await feedWith(0)
      const first = await feed.append('lobby', chat('oi', 'id-1'))
      const again = await feed.append('lobby', chat('oi', 'id-1'))
      expect(first.duplicate).toBe(false)
      expect(first.message).toMatchObject({ seq: 1, clientMsgId: 'id-1' })
      expect(again).toEqual({ message: first.message, duplicate: true })
      expect(await feed.head('lobby')).toBe(1)
      await expect(feed.append('lobby', chat('other', 'id-1'))).rejects.toMatchObject({
        status: 409,
        code: 'conflict',
      })
    })

    it('tells a subscriber each later message once, in order, after it is stored', async () => {
      const feed = await feedWith(2)
      const seen: Message[] = []
      const stored: boolean[] = []
      const unsubscribe = await feed.subscribe('lobby', (message) => {
        seen.push(message)
        void feed.read('lobby', { since: message.seq - 1 }, 1).then((batch) => {
          stored.push(batch.messages[0]?.seq === message.seq)
        })
      })
      expect(feed.listenerCount('lobby')).toBe(1)
      await Promise.all(Array.from({ length: 50 }, (_, i) => feed.append('lobby', chat(`n${i}`))))
      await until(() => seen.length === 50 && stored.length === 50)
      expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 3))
      expect(stored.every(Boolean)).toBe(true)
      unsubscribe()
      expect(feed.listenerCount('lobby')).toBe(0)
      expect(feed.listenerCount()).toBe(0)
      await feed.append('lobby', chat('after'))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(seen).toHaveLength(50)
    })

    it('keeps telling the other subscribers when one of them throws', async () => {
      const failures: string[] = []
      const feed = await makeFeed({
        retentionPerRoom: 10,
        onListenerError: (error) => failures.push((error as Error).message),
      })
      const seen: number[] = []
      await feed.subscribe('lobby', () => {
        throw new Error('broken subscriber')
      })
      await feed.subscribe('lobby', (m) => seen.push(m.seq))
      await feed.append('lobby', chat('a'))
      await until(() => seen.length === 1)
      expect(failures).toEqual(['broken subscriber'])
      expect(feed.listenerCount('lobby')).toBe(2)
      expect(feed.status().up).toBe(true)
    })
  })
}
