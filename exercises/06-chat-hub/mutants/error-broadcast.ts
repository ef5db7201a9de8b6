// Mutant: an error about bad input is broadcast to everyone instead of the sender only.
import { z } from 'zod'

/** One connected client, whatever the transport (a WebSocket, an SSE stream, a test double). */
export interface Peer {
  send(data: string): void
  close(code?: number, reason?: string): void
}

export interface ChatHubOptions {
  /** How many chat messages a newcomer receives. */
  historySize?: number
}

/** A chat message as the hub relays it. */
export interface ChatMessage {
  type: 'chat'
  user: string
  text: string
  seq: number
}

/** Everything the hub ever sends, one JSON object per `send`. */
export type HubMessage =
  | ChatMessage
  | { type: 'history'; messages: ChatMessage[] }
  | { type: 'join'; user: string }
  | { type: 'leave'; user: string }
  | { type: 'error'; reason: string }

/** Close code for a name that is already in use (4000–4999: private use, RFC 6455 §7.4.2). */
const NAME_IN_USE = 4009
const MAX_TEXT_LENGTH = 500

// Unknown keys are dropped: a client-sent "user" never reaches the wire.
const chatInput = z.object({
  type: z.literal('chat'),
  text: z
    .string()
    .max(MAX_TEXT_LENGTH)
    .refine((text) => text.trim() !== ''),
})

export class ChatHub {
  readonly #historySize: number
  #members = new Map<Peer, string>()
  #history: ChatMessage[] = []
  #lastSeq = 0

  constructor({ historySize = 50 }: ChatHubOptions = {}) {
    this.#historySize = historySize
  }

  join(peer: Peer, user: string): void {
    if (this.#members.has(peer)) return
    if ([...this.#members.values()].includes(user)) {
      peer.close(NAME_IN_USE, 'name already in use')
      return
    }
    send(peer, { type: 'history', messages: this.#history })
    this.#broadcast({ type: 'join', user })
    this.#members.set(peer, user)
  }

  receive(peer: Peer, raw: string): void {
    const user = this.#members.get(peer)
    if (user === undefined) return
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      send(peer, { type: 'error', reason: 'message is not valid JSON' })
      return
    }
    const input = chatInput.safeParse(json)
    if (!input.success) {
      this.#broadcast({
        type: 'error',
        reason: `expected {"type":"chat","text":"…"} with 1 to ${MAX_TEXT_LENGTH} characters of text`,
      })
      return
    }
    const message: ChatMessage = { type: 'chat', user, text: input.data.text, seq: ++this.#lastSeq }
    this.#history.push(message)
    if (this.#history.length > this.#historySize) this.#history.shift()
    this.#broadcast(message)
  }

  leave(peer: Peer): void {
    const user = this.#members.get(peer)
    if (user === undefined) return
    this.#members.delete(peer)
    this.#broadcast({ type: 'leave', user })
  }

  #broadcast(message: HubMessage): void {
    // Serialize once, not once per peer.
    const data = JSON.stringify(message)
    for (const peer of this.#members.keys()) peer.send(data)
  }
}

function send(peer: Peer, message: HubMessage): void {
  peer.send(JSON.stringify(message))
}
