// Exercise 10-fanout: one chat room spread over several server instances, joined by pub/sub.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with: npm run grade -- 10-fanout

/**
 * A pub/sub broker shared by every instance (Redis in production, an in-memory fake in tests).
 * Either method may finish asynchronously; a handler may be called at any later time.
 */
export interface Broker {
  publish(channel: string, data: string): void | Promise<void>
  subscribe(channel: string, onMessage: (data: string) => void): void | Promise<void>
}

/** One client connection held by an instance, for example a WebSocket. */
export interface Peer {
  readonly id: string
  send(text: string): void
}

// const a = new Instance('a', broker)
// await a.connect(ana, 'lobby')      → subscribes to channel 'room:lobby' (first local peer only)
// await a.broadcast('lobby', 'oi')   → broker.publish('room:lobby', '{"from":"a","text":"oi"}')
// later, on every instance subscribed to 'room:lobby' (a included): each local peer of
// 'lobby' gets peer.send('oi'), exactly once
//
// Suggested private state: peers by room, the room of each peer, one subscription per room.
//
// Traps:
// - deliver only what the broker hands back: a local shortcut makes the publisher's peers see
//   the message twice, or in another order than everyone else.
// - subscribe once per room, even when two peers join at the same time: remember the
//   subscription (the promise) before awaiting it.
// - connect() resolves only after the broker confirmed the subscription, for a second peer that
//   joins while it is pending too; a peer id already connected rejects, even as another object.
// - broadcast() awaits publish(): it resolves when the broker accepted, rejects when it refused.
// - a broker method may return a promise or nothing: Promise.resolve(…) handles both.
// - build the JSON with JSON.stringify, never with a template string.
// - one peer whose send throws must not stop the others: disconnect it and go on.
// - ignore a broker message that is not {"from": string, "text": string}; never throw inside
//   the handler.
// - disconnect() of an unknown peer does nothing; a disconnected peer may connect again.
export class Instance {
  readonly id: string

  constructor(id: string, broker: Broker) {
    // TODO(10-fanout): your code here (keep the broker in a private field)
    this.id = id
    void broker
  }

  async connect(peer: Peer, room: string): Promise<void> {
    // TODO(10-fanout): your code here
    throw new Error(
      `TODO(10-fanout): add peer ${peer.id} to room ${room}, subscribe to room:${room} once, await it`,
    )
  }

  disconnect(peer: Peer): void {
    // TODO(10-fanout): your code here
    throw new Error(`TODO(10-fanout): remove peer ${peer.id} from its room`)
  }

  async broadcast(room: string, text: string): Promise<void> {
    // TODO(10-fanout): your code here
    throw new Error(
      `TODO(10-fanout): publish {"from":"${this.id}","text":…} (${text.length} characters) on room:${room}`,
    )
  }
}
