// Mutant: subscribes again at every connect, so a room with two local peers receives everything twice.
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

/** What travels on the broker: `{"from":"a","text":"oi"}` on channel `room:<room>`. */
interface Envelope {
  from: string
  text: string
}

function channelOf(room: string): string {
  return `room:${room}`
}

function parseEnvelope(data: string): Envelope | null {
  try {
    const value: unknown = JSON.parse(data)
    if (typeof value !== 'object' || value === null) return null
    const { from, text } = value as Record<string, unknown>
    return typeof from === 'string' && typeof text === 'string' ? { from, text } : null
  } catch {
    return null
  }
}

/** One server process: it knows only its own peers and reaches the others through the broker. */
export class Instance {
  readonly id: string
  #broker: Broker
  #peersByRoom = new Map<string, Map<string, Peer>>()
  #roomOfPeer = new Map<string, string>()

  constructor(id: string, broker: Broker) {
    this.id = id
    this.#broker = broker
  }

  async connect(peer: Peer, room: string): Promise<void> {
    if (this.#roomOfPeer.has(peer.id)) {
      throw new Error(
        `peer ${peer.id} is already connected to room ${this.#roomOfPeer.get(peer.id)}`,
      )
    }
    let peers = this.#peersByRoom.get(room)
    if (!peers) {
      peers = new Map()
      this.#peersByRoom.set(room, peers)
    }
    peers.set(peer.id, peer)
    this.#roomOfPeer.set(peer.id, room)
    await this.#subscribe(room)
  }

  disconnect(peer: Peer): void {
    const room = this.#roomOfPeer.get(peer.id)
    if (room === undefined) return
    this.#roomOfPeer.delete(peer.id)
    this.#peersByRoom.get(room)?.delete(peer.id)
  }

  async broadcast(room: string, text: string): Promise<void> {
    const envelope: Envelope = { from: this.id, text }
    // No local shortcut: our own peers get the message when the broker hands it back, so every
    // peer of the room, here or elsewhere, sees the same order — the broker's.
    await this.#broker.publish(channelOf(room), JSON.stringify(envelope))
  }

  #subscribe(room: string): Promise<void> {
    return Promise.resolve(
      this.#broker.subscribe(channelOf(room), (data) => this.#deliver(room, data)),
    )
  }

  #deliver(room: string, data: string): void {
    const envelope = parseEnvelope(data)
    if (!envelope) return
    const peers = [...(this.#peersByRoom.get(room)?.values() ?? [])]
    for (const peer of peers) {
      try {
        peer.send(envelope.text)
      } catch {
        // A dead connection must not keep the rest of the room from hearing the message.
        this.disconnect(peer)
      }
    }
  }
}
