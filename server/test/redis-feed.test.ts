import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from '../src/cluster/redis-server.ts'
import { RedisFeed, type RedisFeedOptions } from '../src/feed/redis-feed.ts'
import type { Message } from '../src/protocol.ts'
import { chat, describeFeedContract } from './feed-contract.ts'

// A real redis-server, started here on a free port of 127.0.0.1; without one these tests fail
// (with the sentence saying how to install it), they never skip.
let redis: RunningRedis
const feeds: RedisFeed[] = []
let stores = 0

beforeAll(async () => {
  redis = await startRedis()
})

// A test that stopped Redis and failed before starting it again must not fail the ones after it.
afterEach(async () => {
  await redis.start()
})

afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close()))
  await redis?.remove()
})

/** An instance of a store: `prefix` names the store, so instances given the same one share it. */
async function instance(
  prefix: string,
  options: Partial<RedisFeedOptions> = {},
): Promise<RedisFeed> {
  const feed = new RedisFeed({ url: redis.url, retentionPerRoom: 100, prefix, ...options })
  feeds.push(feed)
  await feed.connect()
  return feed
}

const newStore = () => `test${++stores}:`

/** A command of Redis's own, on a connection of its own. */
async function admin(command: (client: Redis) => Promise<unknown>): Promise<void> {
  const connection = new Redis(redis.url)
  try {
    await command(connection)
  } finally {
    connection.disconnect()
  }
}

async function until(condition: () => boolean, what = 'a delivery'): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describeFeedContract('RedisFeed', (options) => instance(newStore(), options))

describe('RedisFeed: one log for every instance', () => {
  it('gives every instance the same epoch, seqs and clientMsgIds, and survives an instance restart', async () => {
    const store = newStore()
    const a = await instance(store)
    const b = await instance(store)
    const first = await a.append('lobby', chat('from a', 'cm-1'))
    const second = await b.append('lobby', chat('from b'))
    expect([first.message.seq, second.message.seq]).toEqual([1, 2])
    expect(await b.append('lobby', chat('from a', 'cm-1'))).toEqual({
      message: first.message,
      duplicate: true,
    })
    const fromA = await a.read('lobby', { since: 0 }, 10)
    const fromB = await b.read('lobby', { since: 0 }, 10)
    expect(fromB).toEqual(fromA)
    await a.close()
    const restarted = await instance(store)
    const again = await restarted.read('lobby', { since: 1, epoch: fromA.epoch }, 10)
    expect(again.reset).toBeUndefined()
    expect(again.messages.map((m) => m.text)).toEqual(['from b'])
  })

  it('delivers a message appended through one instance to the subscribers of another', async () => {
    const store = newStore()
    const a = await instance(store)
    const b = await instance(store)
    const seen: string[] = []
    await b.subscribe('lobby', (m) => seen.push(`${m.seq}:${m.text}`))
    for (let i = 1; i <= 20; i++) await a.append('lobby', chat(`m${i}`))
    await until(() => seen.length === 20)
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1}:m${i + 1}`))
    expect(b.status().deliveryLagMs?.samples).toBe(20)
  })

  it('fills from the Stream what its subscription missed while Redis cut it', async () => {
    const store = newStore()
    const writer = await instance(store)
    const reader = await instance(store)
    const seen: number[] = []
    await reader.subscribe('lobby', (m) => seen.push(m.seq))
    await writer.append('lobby', chat('before'))
    await until(() => seen.length === 1)
    // Redis drops every pub/sub connection (as it does a slow subscriber); appends go on.
    const appended = Array.from({ length: 30 }, (_, i) => writer.append('lobby', chat(`m${i}`)))
    await admin((client) => client.client('KILL', 'TYPE', 'pubsub'))
    await Promise.all(appended)
    await writer.append('lobby', chat('after'))
    await until(() => seen.length === 32, 'the missed messages')
    expect(seen).toEqual(Array.from({ length: 32 }, (_, i) => i + 1))
  })
})

describe('RedisFeed: one subscription per room and instance', () => {
  it('subscribes a room once however many listeners, and lets it go a while after the last', async () => {
    const store = newStore()
    const feed = await instance(store, { tailLingerMs: 300 })
    const channel = `${store}feed:lobby`
    const subscribers = async () => {
      let count = 0
      await admin(async (client) => {
        const reply = (await client.call('PUBSUB', 'NUMSUB', channel)) as [string, number]
        count = Number(reply[1])
      })
      return count
    }
    const stops = await Promise.all(
      Array.from({ length: 5 }, () => feed.subscribe('lobby', () => {})),
    )
    expect(await subscribers()).toBe(1)
    for (const stop of stops) stop()
    expect(feed.listenerCount()).toBe(0)
    // A long poll answered and the next one coming: the room is still subscribed meanwhile.
    expect(await subscribers()).toBe(1)
    const seen: number[] = []
    const again = await feed.subscribe('lobby', (m) => seen.push(m.seq))
    await feed.append('lobby', chat('still here'))
    await until(() => seen.length === 1)
    again()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await subscribers()).toBe(0)
  })
})

describe('RedisFeed: Redis out of reach', () => {
  it('refuses with 503 while Redis is down, and loses nothing acknowledged across a crash', async () => {
    const store = newStore()
    const a = await instance(store)
    const b = await instance(store)
    const seen: Message[] = []
    await b.subscribe('lobby', (m) => seen.push(m))
    const acknowledged: number[] = []
    for (let i = 1; i <= 10; i++)
      acknowledged.push((await a.append('lobby', chat(`m${i}`))).message.seq)
    await redis.stop({ crash: true })
    await until(() => !a.status().up, 'the store to be seen down')
    await expect(a.append('lobby', chat('lost?'))).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
    })
    await expect(a.read('lobby', { since: 0 }, 10)).rejects.toMatchObject({ status: 503 })
    await expect(a.subscribe('other', () => {})).rejects.toMatchObject({ status: 503 })
    expect(a.status()).toMatchObject({ kind: 'redis', up: false, outages: 1 })
    await redis.start()
    await until(() => a.status().up && b.status().up, 'the store to be back')
    for (let i = 11; i <= 15; i++)
      acknowledged.push((await a.append('lobby', chat(`m${i}`))).message.seq)
    await until(() => seen.length === 15, 'the messages after the restart')
    expect(seen.map((m) => m.seq)).toEqual(acknowledged)
    const epoch = (await a.read('lobby', { since: 0 }, 0)).epoch
    const all = await b.read('lobby', { since: 0, epoch }, 100)
    expect(all.reset).toBeUndefined()
    expect(all.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 15 }, (_, i) => `m${i + 1}`),
    )
  })

  it('tells its subscribers to start over when the store lost its log (a new epoch)', async () => {
    const store = newStore()
    const a = await instance(store)
    const reasons: string[] = []
    const seen: number[] = []
    await a.subscribe(
      'lobby',
      (m) => seen.push(m.seq),
      (reason) => reasons.push(reason),
    )
    await a.append('lobby', chat('one'))
    await until(() => seen.length === 1)
    // Redis lost this store's data (as one without persistence does when it restarts).
    await admin(async (client) => {
      const keys = await client.keys(`${store}*`)
      await client.del(...keys)
    })
    await a.append('lobby', chat('new log'))
    await until(() => reasons.length === 1, 'the break')
    expect(reasons[0]).toMatch(/new epoch/)
    expect(seen).toEqual([1])
  })
})
