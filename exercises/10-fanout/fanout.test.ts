import { inspect } from 'node:util'
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

/**
 * The same broker contract with methods that finish at once and return nothing (the interface
 * allows it); delivery is still later, never inside publish().
 */
class SyncBroker implements Broker {
  subscribeCalls: string[] = []
  #handlers = new Map<string, ((data: string) => void)[]>()

  publish(channel: string, data: string): void {
    for (const handler of this.#handlers.get(channel) ?? []) queueMicrotask(() => handler(data))
  }

  subscribe(channel: string, onMessage: (data: string) => void): void {
    this.subscribeCalls.push(channel)
    this.#handlers.set(channel, [...(this.#handlers.get(channel) ?? []), onMessage])
  }
}

/** A broker whose subscriptions wait until the test calls `confirm()`. */
function slowSubscriptions(): { broker: Broker; confirm: () => void } {
  const waiting: (() => void)[] = []
  return {
    broker: {
      publish: () => {},
      subscribe: () => new Promise<void>((resolve) => waiting.push(resolve)),
    },
    confirm: () => {
      for (const resolve of waiting.splice(0)) resolve()
    },
  }
}

/** Waits until every message in flight in the memory broker has been delivered. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : inspect(error)
}

/** How a call's promise settled, in words a failure message can show. */
async function settled(call: () => Promise<unknown>): Promise<string> {
  let promise: Promise<unknown>
  try {
    promise = call()
  } catch (error) {
    return `threw ${describeError(error)} instead of returning a promise`
  }
  try {
    return `resolved ${inspect(await promise)}`
  } catch (error) {
    return `rejected ${describeError(error)}`
  }
}

/** What a synchronous call did: "returned undefined", "threw Error: …". */
function settledSync(call: () => unknown): string {
  try {
    return `returned ${inspect(call())}`
  } catch (error) {
    return `threw ${describeError(error)}`
  }
}

/** Follows a promise without awaiting it: `state.now` is 'pending', 'resolved' or 'rejected …'. */
function track(promise: Promise<unknown>): { now: string } {
  const state = { now: 'pending' }
  promise.then(
    () => {
      state.now = 'resolved'
    },
    (error: unknown) => {
      state.now = `rejected ${describeError(error)}`
    },
  )
  return state
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
    expect(ana.received, 'what ana received').toEqual(['oi, turma'])
    expect(bia.received, 'what bia received').toEqual(['oi, turma'])
  })

  it('does not deliver to peers of other rooms', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    const caio = new TestPeer('caio')
    await a.connect(ana, 'lobby')
    await a.connect(caio, 'sd-2026')
    await a.broadcast('lobby', 'só para o lobby')
    await settle()
    expect(ana.received, 'what ana (lobby) received').toEqual(['só para o lobby'])
    expect(caio.received, 'what caio (sd-2026) received').toEqual([])
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
    expect(ana.received, 'what ana received').toEqual(['um', 'dois'])
    expect(bia.received, 'what bia received, disconnected after "um"').toEqual(['um'])
  })

  it('ignores disconnect() of an unknown peer, and of a peer already disconnected', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    expect(
      settledSync(() => a.disconnect(new TestPeer('ninguém'))),
      'disconnect(unknown)',
    ).toBe('returned undefined')
    await a.connect(ana, 'lobby')
    a.disconnect(ana)
    expect(
      settledSync(() => a.disconnect(ana)),
      'disconnect(ana) a second time',
    ).toBe('returned undefined')
  })

  it('connects a peer again after disconnect, even to another room', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    a.disconnect(ana)
    expect(await settled(() => a.connect(ana, 'sd-2026')), 'connect(ana, sd-2026)').toBe(
      'resolved undefined',
    )
    await a.broadcast('sd-2026', 'de volta')
    await settle()
    expect(ana.received, 'what ana received in sd-2026').toEqual(['de volta'])
  })

  it('refuses to connect a peer that is already connected', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    expect(await settled(() => a.connect(ana, 'sd-2026')), 'a second connect(ana)').toMatch(
      /^rejected \w*Error: .*ana/,
    )
  })

  it('refuses the same id even as another object, and leaves the peer where it was', async () => {
    const a = new Instance('a', new MemoryBroker())
    const ana = new TestPeer('ana')
    const caio = new TestPeer('caio')
    await a.connect(ana, 'lobby')
    await a.connect(caio, 'sd-2026')
    const anaAgain = new TestPeer('ana')
    expect(
      await settled(() => a.connect(anaAgain, 'sd-2026')),
      'connect() of another peer object with id "ana"',
    ).toMatch(/^rejected \w*Error: .*ana/)
    await a.broadcast('lobby', 'lobby')
    await a.broadcast('sd-2026', 'sd-2026')
    await settle()
    expect(ana.received, 'what the first ana (lobby) received').toEqual(['lobby'])
    expect(anaAgain.received, 'what the refused ana received').toEqual([])
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
    expect(ana.received, 'what ana received').toEqual(['um', 'dois'])
    expect(bia.received, 'what bia (after the dead peer) received').toEqual(['um', 'dois'])
    expect(attempts, 'send() calls on the dead peer over two messages').toBe(1)
    expect(broker.handlerErrors.map(describeError), 'errors thrown by the handler').toEqual([])
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
      expect(peer.received, `what ${peer.id} received`).toEqual(['de a', 'de b'])
    }
    expect(peers.eva.received, 'what eva (another room) received').toEqual([])
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
    expect(ana.received, 'what ana (on a) received').toEqual(['1', '2', '3', '4'])
    expect(bia.received, 'what bia (on b) received').toEqual(['1', '2', '3', '4'])
  })

  it('an instance with no peers in the room can still broadcast to it', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const b = new Instance('b', broker)
    const bia = new TestPeer('bia')
    await b.connect(bia, 'lobby')
    await a.broadcast('lobby', 'aviso do servidor a')
    await settle()
    expect(bia.received, 'what bia (on b) received').toEqual(['aviso do servidor a'])
  })
})

describe('Instance: subscriptions', () => {
  it('subscribes to room:<room> when the first local peer joins, once per room', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    expect(broker.subscribeCalls, 'subscribe() calls before any connect').toEqual([])
    await a.connect(new TestPeer('ana'), 'lobby')
    await a.connect(new TestPeer('bia'), 'lobby')
    await a.connect(new TestPeer('caio'), 'sd-2026')
    expect(broker.subscribeCalls.sort(), 'subscribe() calls').toEqual([
      'room:lobby',
      'room:sd-2026',
    ])
  })

  it('subscribes once even when two peers join the same room at the same time', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await Promise.all([a.connect(ana, 'lobby'), a.connect(bia, 'lobby')])
    await a.broadcast('lobby', 'oi')
    await settle()
    expect(broker.subscribeCalls, 'subscribe() calls').toEqual(['room:lobby'])
    expect(ana.received, 'what ana received').toEqual(['oi'])
    expect(bia.received, 'what bia received').toEqual(['oi'])
  })

  it('connect() resolves only once the broker has confirmed the subscription', async () => {
    const { broker: slowBroker, confirm } = slowSubscriptions()
    const a = new Instance('a', slowBroker)
    const connecting = a.connect(new TestPeer('ana'), 'lobby')
    const state = track(connecting)
    await settle()
    expect(state.now, 'connect() before the broker confirmed').toBe('pending')
    confirm()
    await connecting.catch(() => {})
    expect(state.now, 'connect() after the broker confirmed').toBe('resolved')
  })

  it('a peer that joins while the subscription is pending also waits for it', async () => {
    const { broker: slowBroker, confirm } = slowSubscriptions()
    const a = new Instance('a', slowBroker)
    const first = track(a.connect(new TestPeer('ana'), 'lobby'))
    const second = track(a.connect(new TestPeer('bia'), 'lobby'))
    await settle()
    expect(
      { ana: first.now, bia: second.now },
      'connect() of ana, then bia, before the broker confirmed',
    ).toEqual({ ana: 'pending', bia: 'pending' })
    confirm()
    await settle()
    expect(
      { ana: first.now, bia: second.now },
      'connect() of ana and bia after the broker confirmed',
    ).toEqual({ ana: 'resolved', bia: 'resolved' })
  })

  it('stays subscribed when a room empties: the next peer to join does not subscribe again', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    await a.connect(ana, 'lobby')
    a.disconnect(ana)
    await a.connect(bia, 'lobby')
    await a.broadcast('lobby', 'oi')
    await settle()
    expect(broker.subscribeCalls, 'subscribe() calls').toEqual(['room:lobby'])
    expect(bia.received, 'what bia received').toEqual(['oi'])
  })

  it('does not subscribe to a room it only broadcasts to', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    await a.broadcast('lobby', 'aviso')
    await a.connect(new TestPeer('caio'), 'sd-2026')
    expect(broker.subscribeCalls, 'subscribe() calls').toEqual(['room:sd-2026'])
  })

  it('works with a broker whose methods finish at once and return nothing', async () => {
    const broker = new SyncBroker()
    const a = new Instance('a', broker)
    const b = new Instance('b', broker)
    const ana = new TestPeer('ana')
    const bia = new TestPeer('bia')
    expect(await settled(() => a.connect(ana, 'lobby')), 'connect(ana, lobby)').toBe(
      'resolved undefined',
    )
    expect(await settled(() => b.connect(bia, 'lobby')), 'connect(bia, lobby)').toBe(
      'resolved undefined',
    )
    expect(await settled(() => a.broadcast('lobby', 'oi')), "broadcast('lobby', 'oi')").toBe(
      'resolved undefined',
    )
    await settle()
    expect(broker.subscribeCalls, 'subscribe() calls').toEqual(['room:lobby', 'room:lobby'])
    expect({ ana: ana.received, bia: bia.received }, 'what each peer received').toEqual({
      ana: ['oi'],
      bia: ['oi'],
    })
  })
})

describe('Instance: broadcast()', () => {
  it('resolves only once the broker has accepted the message', async () => {
    let accept = (): void => {}
    const slowBroker: Broker = {
      publish: () =>
        new Promise<void>((resolve) => {
          accept = resolve
        }),
      subscribe: () => {},
    }
    const a = new Instance('a', slowBroker)
    const broadcasting = a.broadcast('lobby', 'oi')
    const state = track(broadcasting)
    await settle()
    expect(state.now, 'broadcast() before the broker accepted').toBe('pending')
    accept()
    await broadcasting.catch(() => {})
    expect(state.now, 'broadcast() after the broker accepted').toBe('resolved')
  })

  it('rejects with the error of the broker when it refuses the message', async () => {
    const refusingBroker: Broker = {
      publish: () => {
        const refusal = Promise.reject(
          new Error(
            'NOPERM this user has no permissions to access one of the channels used as arguments',
          ),
        )
        // Handled here too, so an implementation that drops the promise leaves nothing unhandled.
        refusal.catch(() => {})
        return refusal
      },
      subscribe: () => {},
    }
    const a = new Instance('a', refusingBroker)
    expect(await settled(() => a.broadcast('lobby', 'oi')), "broadcast('lobby', 'oi')").toBe(
      'rejected Error: NOPERM this user has no permissions to access one of the channels used as arguments',
    )
  })
})

describe('Instance: wire format', () => {
  it('publishes {"from":<instance id>,"text":…} as JSON on channel room:<room>', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    await a.broadcast('lobby', 'oi')
    expect(
      broker.published.map(({ channel }) => channel),
      'channels published on',
    ).toEqual(['room:lobby'])
    expect(
      broker.published.map(({ data }) => JSON.parse(data)),
      `data published: ${broker.published.map(({ data }) => data).join(', ')}`,
    ).toEqual([{ from: 'a', text: 'oi' }])
  })

  it('delivers a message that another process published on room:<room>', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    await broker.publish('room:lobby', '{"from":"cron","text":"manutenção às 22h"}')
    await settle()
    expect(ana.received, 'what ana received').toEqual(['manutenção às 22h'])
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
    expect(bia.received, 'what bia received').toEqual([tricky])
  })

  it('ignores a broker message that is not valid JSON, without throwing', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    await broker.publish('room:lobby', 'isto não é JSON')
    await broker.publish('room:lobby', '{"from":"b","text":"isto é"}')
    await settle()
    expect(ana.received, 'what ana received').toEqual(['isto é'])
    expect(broker.handlerErrors.map(describeError), 'errors thrown by the handler').toEqual([])
  })

  it('ignores JSON that is not an object with string from and text, without throwing', async () => {
    const broker = new MemoryBroker()
    const a = new Instance('a', broker)
    const ana = new TestPeer('ana')
    await a.connect(ana, 'lobby')
    const wrongShapes = [
      'null',
      '42',
      '"oi"',
      '["b","oi"]',
      '{"from":"b"}',
      '{"text":"sem from"}',
      '{"from":"b","text":42}',
      '{"from":7,"text":"oi"}',
    ]
    for (const data of wrongShapes) await broker.publish('room:lobby', data)
    await broker.publish('room:lobby', '{"from":"b","text":"esta sim"}')
    await settle()
    expect(ana.received, 'what ana received').toEqual(['esta sim'])
    expect(broker.handlerErrors.map(describeError), 'errors thrown by the handler').toEqual([])
  })
})
