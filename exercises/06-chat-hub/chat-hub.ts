// Exercise 06-chat-hub: the lecture's chat, without the transport.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 06-chat-hub`.

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

export class ChatHub {
  // Hint: private fields for a Map from Peer to user name, an array of ChatMessage (the history)
  // and the last seq handed out.

  constructor({ historySize = 50 }: ChatHubOptions = {}) {
    // TODO(06-chat-hub): keep historySize and set up your state
    void historySize
  }

  // hub.join(peer, 'bia')
  //   → peer gets   {"type":"history","messages":[…the last historySize chat messages…]}
  //   → the others  {"type":"join","user":"bia"}
  //   → if "bia" is already in the room: peer.close(4009, 'name already in use'), nothing else
  //
  // Traps:
  // - the history goes to the newcomer only; the join notice to everyone but the newcomer.
  // - after closing a duplicate, stop: it must not be sent anything nor become a member.
  // - names are case-sensitive ("Ana" is not "ana"); a member calling join again is ignored.
  join(peer: Peer, user: string): void {
    // TODO(06-chat-hub): your code here
    void peer
    throw new Error(
      `TODO(06-chat-hub): send the history to ${JSON.stringify(user)} and a join notice to the others, or close a duplicate with 4009`,
    )
  }

  // hub.receive(ana, '{"type":"chat","text":"oi"}')
  //   → everyone, ana included: {"type":"chat","user":"ana","text":"oi","seq":1}
  // hub.receive(ana, 'oi')
  //   → ana only: {"type":"error","reason":"…"}
  //
  // Traps:
  // - `raw` comes from the network: it may be anything. Parse, then check every field.
  // - the user is the name the peer joined with, never a "user" field in the input.
  // - an error goes to the sender only, and uses no seq.
  // - a peer that never joined (or was rejected, or left) is ignored.
  // - "at most 500 characters" counts code points ([...text].length), not text.length.
  receive(peer: Peer, raw: string): void {
    // TODO(06-chat-hub): your code here
    void peer
    throw new Error(
      `TODO(06-chat-hub): relay ${JSON.stringify(raw)} to everyone, or answer an error to the sender`,
    )
  }

  // hub.leave(ana)  → the others: {"type":"leave","user":"ana"}; the name "ana" is free again
  //
  // Traps:
  // - leave of a peer that is not a member (a rejected duplicate!) must do nothing.
  leave(peer: Peer): void {
    // TODO(06-chat-hub): your code here
    void peer
    throw new Error('TODO(06-chat-hub): forget the peer and tell the others it left')
  }
}
