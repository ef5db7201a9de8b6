import { describe, expect, it } from 'vitest'
import { ChatHub, type Peer } from './chat-hub.ts'

/** A peer with no transport behind it: it records what the hub sends and how it was closed. */
class TestPeer implements Peer {
  readonly sent: string[] = []
  closedWith: { code?: number; reason?: string } | undefined

  send(data: string): void {
    this.sent.push(data)
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
  }

  /** Everything sent so far, parsed, then forgotten (so a test sees only what comes next). */
  take(): unknown[] {
    return this.sent.splice(0).map((data) => JSON.parse(data) as unknown)
  }
}

/** A hub with the given users already joined, their welcome messages already taken. */
function hubWith(users: string[], options?: { historySize?: number }) {
  const hub = new ChatHub(options)
  const peers = users.map((user) => {
    const peer = new TestPeer()
    hub.join(peer, user)
    return peer
  })
  for (const peer of peers) peer.take()
  return { hub, peers }
}

function say(hub: ChatHub, peer: Peer, ...texts: string[]): void {
  for (const text of texts) hub.receive(peer, JSON.stringify({ type: 'chat', text }))
}

describe('join', () => {
  it('sends the newcomer {"type":"history","messages":[]} when nobody has spoken yet', () => {
    const hub = new ChatHub()
    const ana = new TestPeer()
    hub.join(ana, 'ana')
    expect(ana.take()).toEqual([{ type: 'history', messages: [] }])
  })

  it('sends the newcomer the earlier chat messages in one history message, oldest first', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    say(hub, ana, 'oi', 'alguém aí?')
    const bia = new TestPeer()
    hub.join(bia, 'bia')
    expect(bia.take()).toEqual([
      {
        type: 'history',
        messages: [
          { type: 'chat', user: 'ana', text: 'oi', seq: 1 },
          { type: 'chat', user: 'ana', text: 'alguém aí?', seq: 2 },
        ],
      },
    ])
  })

  it('tells everyone else {"type":"join","user":"bia"}, and only them', () => {
    const { hub, peers } = hubWith(['ana', 'caio'])
    const [ana, caio] = peers as [TestPeer, TestPeer]
    const bia = new TestPeer()
    hub.join(bia, 'bia')
    expect(ana.take()).toEqual([{ type: 'join', user: 'bia' }])
    expect(caio.take()).toEqual([{ type: 'join', user: 'bia' }])
    expect(bia.take()).toEqual([{ type: 'history', messages: [] }])
  })

  it('closes a second "ana" with 4009 and tells no one', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    const impostor = new TestPeer()
    hub.join(impostor, 'ana')
    expect(impostor.closedWith).toEqual({ code: 4009, reason: 'name already in use' })
    expect(impostor.take()).toEqual([])
    expect(ana.take()).toEqual([])
    expect(bia.take()).toEqual([])
  })

  it('a rejected duplicate receives no chat and its leave does not announce the real "ana"', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [, bia] = peers as [TestPeer, TestPeer]
    const impostor = new TestPeer()
    hub.join(impostor, 'ana')
    say(hub, bia, 'oi')
    hub.leave(impostor)
    expect(impostor.take()).toEqual([])
    expect(bia.take()).toEqual([{ type: 'chat', user: 'bia', text: 'oi', seq: 1 }])
  })

  it('frees a name when its owner leaves', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    hub.leave(ana)
    const again = new TestPeer()
    hub.join(again, 'ana')
    expect(again.closedWith).toBeUndefined()
    expect(again.take()).toEqual([{ type: 'history', messages: [] }])
  })
})

describe('receive', () => {
  it('relays {"type":"chat","text":"oi"} to everyone, sender included, with user and seq', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, '{"type":"chat","text":"oi"}')
    const relayed = { type: 'chat', user: 'ana', text: 'oi', seq: 1 }
    expect(ana.take()).toEqual([relayed])
    expect(bia.take()).toEqual([relayed])
  })

  it('numbers chat messages 1, 2, 3 across all users', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, 'um')
    say(hub, bia, 'dois')
    say(hub, ana, 'três')
    expect(bia.take()).toEqual([
      { type: 'chat', user: 'ana', text: 'um', seq: 1 },
      { type: 'chat', user: 'bia', text: 'dois', seq: 2 },
      { type: 'chat', user: 'ana', text: 'três', seq: 3 },
    ])
  })

  it('uses the joined name, never a "user" field sent by the client', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, '{"type":"chat","text":"sou a bia","user":"bia"}')
    expect(bia.take()).toEqual([{ type: 'chat', user: 'ana', text: 'sou a bia', seq: 1 }])
  })

  it('answers oi (not JSON) with {"type":"error"} to the sender only', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, 'oi')
    expect(ana.take()).toEqual([{ type: 'error', reason: expect.any(String) }])
    expect(bia.take()).toEqual([])
  })

  it('answers JSON that is not a chat message with {"type":"error"} to the sender only', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    for (const raw of [
      '{"type":"chat"}',
      '{"type":"chat","text":42}',
      '{"type":"nick","text":"x"}',
      '[]',
      'null',
    ]) {
      hub.receive(ana, raw)
      expect(ana.take(), raw).toEqual([{ type: 'error', reason: expect.any(String) }])
    }
    expect(bia.take()).toEqual([])
  })

  it('rejects a blank text and a text longer than 500 characters', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, '   ', 'x'.repeat(501))
    expect(ana.take()).toEqual([
      { type: 'error', reason: expect.any(String) },
      { type: 'error', reason: expect.any(String) },
    ])
    say(hub, ana, 'x'.repeat(500))
    expect(bia.take()).toEqual([{ type: 'chat', user: 'ana', text: 'x'.repeat(500), seq: 1 }])
  })

  it('ignores input from a peer that has not joined', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    const stranger = new TestPeer()
    hub.receive(stranger, '{"type":"chat","text":"oi"}')
    expect(stranger.take()).toEqual([])
    expect(ana.take()).toEqual([])
  })
})

describe('leave', () => {
  it('tells the others {"type":"leave","user":"ana"}', () => {
    const { hub, peers } = hubWith(['ana', 'bia', 'caio'])
    const [ana, bia, caio] = peers as [TestPeer, TestPeer, TestPeer]
    hub.leave(ana)
    expect(bia.take()).toEqual([{ type: 'leave', user: 'ana' }])
    expect(caio.take()).toEqual([{ type: 'leave', user: 'ana' }])
    expect(ana.take()).toEqual([])
  })

  it('sends nothing more to a peer that left', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.leave(ana)
    say(hub, bia, 'tchau')
    expect(ana.take()).toEqual([])
  })
})

describe('history', () => {
  it('keeps only the last historySize messages (historySize: 2)', () => {
    const { hub, peers } = hubWith(['ana'], { historySize: 2 })
    const [ana] = peers as [TestPeer]
    say(hub, ana, 'a', 'b', 'c')
    const bia = new TestPeer()
    hub.join(bia, 'bia')
    expect(bia.take()).toEqual([
      {
        type: 'history',
        messages: [
          { type: 'chat', user: 'ana', text: 'b', seq: 2 },
          { type: 'chat', user: 'ana', text: 'c', seq: 3 },
        ],
      },
    ])
  })

  it('keeps the last 50 messages by default', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    say(hub, ana, ...Array.from({ length: 51 }, (_, i) => `m${i + 1}`))
    const bia = new TestPeer()
    hub.join(bia, 'bia')
    const [history] = bia.take() as [{ messages: { seq: number }[] }]
    expect(history.messages.map(({ seq }) => seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    )
  })

  it('holds chat messages only: bad input, joins and leaves are not in it', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, 'oi')
    say(hub, ana, 'oi')
    hub.leave(bia)
    const caio = new TestPeer()
    hub.join(caio, 'caio')
    expect(caio.take()).toEqual([
      { type: 'history', messages: [{ type: 'chat', user: 'ana', text: 'oi', seq: 1 }] },
    ])
  })
})
