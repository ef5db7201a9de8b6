import { afterAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from '../../../server/src/cluster/redis-server.ts'
import { Instance, type Peer } from './fanout.ts'
import { RedisBroker } from './redis-broker.ts'

// The reference solution over a real redis-server, started here on 127.0.0.1 (by the server's own
// helper: this folder is the instructor's, left out of the student release) and stopped after.
// The grader never runs this file; the project's `npm test` does.

let redis: Promise<RunningRedis> | undefined
const brokers: RedisBroker[] = []

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

class TestPeer implements Peer {
  received: string[] = []
  constructor(readonly id: string) {}
  send(text: string): void {
    this.received.push(text)
  }
}

/** Starts redis-server once, on first use. A failure fails every test (never a skip). */
function redisPort(): Promise<number> {
  redis ??= startRedis()
  return redis.then((running) => running.port)
}

async function newInstance(id: string): Promise<Instance> {
  const broker = new RedisBroker(await redisPort())
  brokers.push(broker)
  return new Instance(id, broker)
}

afterAll(async () => {
  await Promise.allSettled(brokers.map((broker) => broker.close()))
  await (await redis)?.remove()
})

describe('Instance over a real redis-server (reference solution)', () => {
  it('every local peer of the room on three instances gets each message exactly once, publisher included', async () => {
    const [a, b, c] = await Promise.all([newInstance('a'), newInstance('b'), newInstance('c')])
    const inLobby = [
      new TestPeer('ana'),
      new TestPeer('bia'),
      new TestPeer('caio'),
      new TestPeer('davi'),
    ]
    const [ana, bia, caio, davi] = inLobby
    const eva = new TestPeer('eva')
    if (!ana || !bia || !caio || !davi) throw new Error('four peers expected')
    await a.connect(ana, 'lobby')
    await a.connect(bia, 'lobby')
    await b.connect(caio, 'lobby')
    await c.connect(davi, 'lobby')
    await c.connect(eva, 'outra-sala')

    const started = performance.now()
    await a.broadcast('lobby', 'de a')
    await b.broadcast('lobby', 'de b: ação "ok"')
    await c.broadcast('lobby', 'de c')
    const expected = ['de a', 'de b: ação "ok"', 'de c']
    await waitFor(
      () => inLobby.every((peer) => peer.received.length >= 3),
      'three messages per peer',
    )
    const elapsedMs = performance.now() - started
    // Anything duplicated would arrive within a few ms; wait a little longer before counting.
    await new Promise((resolve) => setTimeout(resolve, 200))

    for (const peer of inLobby) expect(peer.received, peer.id).toEqual(expected)
    expect(eva.received).toEqual([])
    console.log(
      `  redis fan-out: 3 instances, 4 peers in the room, 3 messages, 12 deliveries in ${elapsedMs.toFixed(1)} ms`,
    )
  })

  it('peers on different instances see concurrent messages in the same order', async () => {
    const [a, b] = await Promise.all([newInstance('a2'), newInstance('b2')])
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await a.connect(ana, 'sd-2026')
    await b.connect(bia, 'sd-2026')
    const sends: Promise<void>[] = []
    for (let i = 1; i <= 20; i++) {
      sends.push(a.broadcast('sd-2026', `a${i}`), b.broadcast('sd-2026', `b${i}`))
    }
    await Promise.all(sends)
    await waitFor(() => ana.received.length >= 40 && bia.received.length >= 40, '40 messages each')
    await new Promise((resolve) => setTimeout(resolve, 200))

    expect(ana.received).toHaveLength(40)
    expect(bia.received).toEqual(ana.received)
    expect(ana.received.filter((text) => text.startsWith('a'))).toEqual(
      Array.from({ length: 20 }, (_, i) => `a${i + 1}`),
    )
  })
})
