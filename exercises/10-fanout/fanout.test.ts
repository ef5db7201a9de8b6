import { describe, expect, it } from 'vitest'
import { type Broker, Instance, type Peer } from './fanout.ts'

/**
 * The broker every instance shares, in memory (a stand-in for Redis, which the grader cannot
 * assume). Like Redis it delivers later, never inside publish(), to every subscriber of the
 * channel, the publisher's own instance included, in one global order.
 */
class MemoryBroker implements Broker {
  published: { channel: string; data: string }[] = []
  subscribeCalls: string[] = []
  handlerErrors: unknown[] = []
  #handlers = new Map<string, ((data: string) => void)[]>()

  async publish(channel: string, data: string): Promise<void> {
    this.published.push({ channel, data })
    for (const handler of this.#handlers.get(channel) ?? []) {
      queueMicrotask(() => {
        try {
          handler(data)
        } catch (error) {
          this.handlerErrors.push(error)
        }
      })
    }
  }

  async subscribe(channel: string, onMessage: (data: string) => void): Promise<void> {
    this.subscribeCalls.push(channel)
    await Promise.resolve()
    this.#handlers.set(channel, [...(this.#handlers.get(channel) ?? []), onMessage])
  }
}

/** A peer that records what it receives, like a browser tab at the end of a WebSocket. */
class TestPeer implements Peer {
  received: string[] = []
  constructor(readonly id: string) {}
  send(text: string): void {
    this.received.push(text)
  }
}

/** Waits until every message in flight in the memory broker has been delivered. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

describe('Instance: one server', () => {
  it('delivers a broadcast to every local peer of the room, exactly once', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await a.connect(ana, 'lobby')
    await a.connect(bia, 'lobby')
    await a.broadcast('lobby', 'oi, turma')
    await settle()
    expect(ana.received).toEqual(['oi, turma'])
    expect(bia.received).toEqual(['oi, turma'])
  })

  it('does not deliver to peers of other rooms', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    const caio = new TestPeer('caio')
    await a.connect(ana, 'lobby')
    await a.connect(caio, 'sd-2026')
    await a.broadcast('lobby', 'só para o lobby')
    await settle()
    expect(ana.received).toEqual(['só para o lobby'])
    expect(caio.received).toEqual([])
  })

  it('stops delivering to a peer after disconnect(peer)', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await a.connect(ana, 'lobby')
    await a.connect(bia, 'lobby')
    await a.broadcast('lobby', 'um')
    await settle()
    a.disconnect(bia)
    await a.broadcast('lobby', 'dois')
    await settle()
    expect(ana.received).toEqual(['um', 'dois'])
    expect(bia.received).toEqual(['um'])
  })

  it('refuses to connect a peer that is already connected', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    await expect(async () => a.connect(ana, 'sd-2026')).rejects.toThrow(/ana/)
  })

  it('disconnects a peer whose send throws and keeps delivering to the others', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    let attempts = 0
    const dead: Peer = {
      id: 'dead',
      send: () => {
        attempts += 1
        throw new Error('socket already closed')
      },
    }
    const bia = new TestPeer('bia')
    await a.connect(ana, 'lobby')
    await a.connect(dead, 'lobby')
    await a.connect(bia, 'lobby')
    await a.broadcast('lobby', 'um')
    await a.broadcast('lobby', 'dois')
    await settle()
    expect(ana.received).toEqual(['um', 'dois'])
    expect(bia.received).toEqual(['um', 'dois'])
    expect(attempts).toBe(1)
    expect(broker.handlerErrors).toEqual([])
  })
})

describe('Instance: several servers over one broker', () => {
  it('every peer of the room on every instance gets each message exactly once, publisher included', async () => {
    const broker = new MemoryBroker()
    const [a, b, c] = ['a', 'b', 'c'].map((id) => new Instance(id, broker))
    if (!a || !b || !c) throw new Error('three instances expected')
    const peers = {
      ana: new TestPeer('ana'),
      bia: new TestPeer('bia'),
      caio: new TestPeer('caio'),
      davi: new TestPeer('davi'),
      eva: new TestPeer('eva'),
    }
    await a.connect(peers.ana, 'lobby')
    await a.connect(peers.bia, 'lobby')
    await b.connect(peers.caio, 'lobby')
    await c.connect(peers.davi, 'lobby')
    await c.connect(peers.eva, 'outra-sala')
    await a.broadcast('lobby', 'de a')
    await b.broadcast('lobby', 'de b')
    await settle()
    for (const peer of [peers.ana, peers.bia, peers.caio, peers.davi]) {
      expect(peer.received, peer.id).toEqual(['de a', 'de b'])
    }
    expect(peers.eva.received).toEqual([])
  })

  it('all peers see the messages in the same order: the order of the broker', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const b = new Instance('b', broker)
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await a.connect(ana, 'lobby')
    await b.connect(bia, 'lobby')
    await Promise.all([
      b.broadcast('lobby', '1'),
      a.broadcast('lobby', '2'),
      b.broadcast('lobby', '3'),
      a.broadcast('lobby', '4'),
    ])
    await settle()
    expect(ana.received).toEqual(['1', '2', '3', '4'])
    expect(bia.received).toEqual(['1', '2', '3', '4'])
  })

  it('an instance with no peers in the room can still broadcast to it', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const b = new Instance('b', broker)
    const bia = new TestPeer('bia')
    await b.connect(bia, 'lobby')
    await a.broadcast('lobby', 'aviso do servidor a')
    await settle()
    expect(bia.received).toEqual(['aviso do servidor a'])
  })
})

describe('Instance: subscriptions', () => {
  it('subscribes to room:<room> when the first local peer joins, once per room', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    expect(broker.subscribeCalls).toEqual([])
    await a.connect(new TestPeer('ana'), 'lobby')
    await a.connect(new TestPeer('bia'), 'lobby')
    await a.connect(new TestPeer('caio'), 'sd-2026')
    expect(broker.subscribeCalls.sort()).toEqual(['room:lobby', 'room:sd-2026'])
  })

  it('subscribes once even when two peers join the same room at the same time', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await Promise.all([a.connect(ana, 'lobby'), a.connect(bia, 'lobby')])
    await a.broadcast('lobby', 'oi')
    await settle()
    expect(broker.subscribeCalls).toEqual(['room:lobby'])
    expect(ana.received).toEqual(['oi'])
    expect(bia.received).toEqual(['oi'])
  })

  it('connect() resolves only once the broker has confirmed the subscription', async () => {
    let confirm = (): void => {}
    const slowBroker: Broker = {
      publish: () => {},
      subscribe: () =>
        new Promise<void>((resolve) => {
          confirm = resolve
        }),
    }
    const a = new Instance('a', slowBroker)
    let connected = false
    let failure: unknown
    const connecting = a.connect(new TestPeer('ana'), 'lobby').then(
      () => {
        connected = true
      },
      (error: unknown) => {
        failure = error
      },
    )
    await settle()
    expect(failure).toBeUndefined()
    expect(connected).toBe(false)
    confirm()
    await connecting
    expect(failure).toBeUndefined()
    expect(connected).toBe(true)
  })
})

describe('Instance: wire format', () => {
  it('publishes {"from":<instance id>,"text":…} as JSON on channel room:<room>', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    await a.broadcast('lobby', 'oi')
    expect(broker.published.map(({ channel }) => channel)).toEqual(['room:lobby'])
    expect(broker.published.map(({ data }) => JSON.parse(data))).toEqual([
      { from: 'a', text: 'oi' },
    ])
  })

  it('delivers a message that another process published on room:<room>', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    await broker.publish('room:lobby', '{"from":"cron","text":"manutenção às 22h"}')
    await settle()
    expect(ana.received).toEqual(['manutenção às 22h'])
  })

  it('carries quotes, backslashes, newlines and accents unchanged', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const b = new Instance('b', broker)
    const bia = new TestPeer('bia')
    await b.connect(bia, 'lobby')
    const tricky = 'ele disse "oi" \\o/\nação ✓'
    await a.broadcast('lobby', tricky)
    await settle()
    expect(bia.received).toEqual([tricky])
  })

  it('ignores a broker message that is not valid JSON, without throwing', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    await broker.publish('room:lobby', 'isto não é JSON')
    await broker.publish('room:lobby', '{"from":"b","text":"isto é"}')
    await settle()
    expect(ana.received).toEqual(['isto é'])
    expect(broker.handlerErrors).toEqual([])
  })
})
