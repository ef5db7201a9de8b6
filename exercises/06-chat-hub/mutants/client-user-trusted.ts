// Mutant: the relayed message spreads the client's JSON over the joined name, so a "user" field impersonates someone else.
/** One connected client, whatever the transport (a WebSocket, an SSE stream, a test double). */
export interface Peer {
  send(data: string): void
  close(code?: number, reason?: string): void
}

export interface ChatHubOptions {
  historySize?: number
}

export interface ChatMessage {
  type: 'chat'
  user: string
  text: string
  seq: number
}

export type HubMessage =
  | ChatMessage
  | { type: 'history'; messages: ChatMessage[] }
  | { type: 'join'; user: string }
  | { type: 'leave'; user: string }
  | { type: 'error'; reason: string }

function isChatInput(value: unknown): value is { type: 'chat'; text: string } {
  if (typeof value !== 'object' || value === null) return false
  const { type, text } = value as { type?: unknown; text?: unknown }
  return type === 'chat' && typeof text === 'string' && text.trim() !== '' && text.length <= 500
}

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
      peer.close(4009, 'name already in use')
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
    if (!isChatInput(json)) {
      send(peer, { type: 'error', reason: 'expected {"type":"chat","text":"…"}' })
      return
    }
    const message: ChatMessage = { user, ...json, seq: ++this.#lastSeq }
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
    const data = JSON.stringify(message)
    for (const peer of this.#members.keys()) peer.send(data)
  }
}

function send(peer: Peer, message: HubMessage): void {
  peer.send(JSON.stringify(message))
}
