import { describe, expect, it } from 'vitest'
import { ChatHub, type Peer } from './chat-hub.ts'

/** A peer with no transport behind it: it records what the hub sends and how it was closed. */
class TestPeer implements Peer {
  readonly sent: string[] = []
  closedWith: { code?: number; reason?: string } | 'never closed' = 'never closed'

  constructor(readonly name: string) {}

  send(data: string): void {
    this.sent.push(data)
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
  }

  /** Everything sent so far, parsed, then forgotten (so a test sees only what comes next). */
  take(): unknown[] {
    return this.sent.splice(0).map((data) => {
      try {
        return shortened(JSON.parse(data) as unknown)
      } catch {
        throw new Error(
          `${this.name} was sent ${JSON.stringify(data)}, which is not one JSON value`,
        )
      }
    })
  }
}

/** A message whose text is long, with the text summed up so that a failure stays readable. */
function shortened(message: unknown): unknown {
  if (typeof message !== 'object' || message === null || !('text' in message)) return message
  const characters = typeof message.text === 'string' ? [...message.text] : []
  if (characters.length <= 40) return message
  return {
    ...message,
    text: `${characters.length} characters: ${characters.slice(0, 3).join('')}…`,
  }
}

/** A hub with the given users already joined, their welcome messages already taken. */
function hubWith(users: string[], options?: { historySize?: number }) {
  const hub = new ChatHub(options)
  const peers = users.map((user) => {
    const peer = new TestPeer(user)
    hub.join(peer, user)
    return peer
  })
  for (const peer of peers) peer.take()
  return { hub, peers }
}

function say(hub: ChatHub, peer: Peer, ...texts: string[]): void {
  for (const text of texts) hub.receive(peer, JSON.stringify({ type: 'chat', text }))
}

/** An error message: any sentence, as long as there is one. */
const ERROR = { type: 'error', reason: expect.stringMatching(/\S/) }

const chat = (user: string, text: string, seq: number) =>
  shortened({ type: 'chat', user, text, seq })

describe('join', () => {
  it('sends the newcomer {"type":"history","messages":[]} when nobody has spoken yet', () => {
    const hub = new ChatHub()
    const ana = new TestPeer('ana')
    hub.join(ana, 'ana')
    expect(ana.take(), 'what ana received when she joined an empty room').toEqual([
      { type: 'history', messages: [] },
    ])
  })

  it('sends the newcomer the earlier chat messages in one history message, oldest first', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    say(hub, ana, 'oi', 'alguém aí?')
    const bia = new TestPeer('bia')
    hub.join(bia, 'bia')
    expect(bia.take(), 'what bia received when she joined').toEqual([
      { type: 'history', messages: [chat('ana', 'oi', 1), chat('ana', 'alguém aí?', 2)] },
    ])
  })

  it('tells everyone else {"type":"join","user":"bia"}, and only them', () => {
    const { hub, peers } = hubWith(['ana', 'caio'])
    const [ana, caio] = peers as [TestPeer, TestPeer]
    const bia = new TestPeer('bia')
    hub.join(bia, 'bia')
    expect(ana.take(), 'what ana received when bia joined').toEqual([{ type: 'join', user: 'bia' }])
    expect(caio.take(), 'what caio received when bia joined').toEqual([
      { type: 'join', user: 'bia' },
    ])
    expect(bia.take(), 'what bia received when she joined').toEqual([
      { type: 'history', messages: [] },
    ])
  })

  it('closes a second "ana" with 4009 and tells no one', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    const impostor = new TestPeer('the second "ana"')
    hub.join(impostor, 'ana')
    expect(impostor.closedWith, 'how the second "ana" was closed').toEqual({
      code: 4009,
      reason: 'name already in use',
    })
    expect(impostor.take(), 'what the second "ana" received').toEqual([])
    expect(ana.take(), 'what ana received when a second "ana" tried to join').toEqual([])
    expect(bia.take(), 'what bia received when a second "ana" tried to join').toEqual([])
  })

  it('accepts "Ana" while "ana" is in the room: names are case-sensitive', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    const capital = new TestPeer('Ana')
    hub.join(capital, 'Ana')
    expect(capital.closedWith, 'how "Ana" was closed').toBe('never closed')
    expect(capital.take(), 'what "Ana" received when she joined').toEqual([
      { type: 'history', messages: [] },
    ])
    expect(ana.take(), 'what ana received when "Ana" joined').toEqual([
      { type: 'join', user: 'Ana' },
    ])
  })

  it('a rejected duplicate receives no chat and its leave does not announce the real "ana"', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [, bia] = peers as [TestPeer, TestPeer]
    const impostor = new TestPeer('the second "ana"')
    hub.join(impostor, 'ana')
    say(hub, bia, 'oi')
    hub.leave(impostor)
    expect(impostor.take(), 'what the rejected second "ana" received').toEqual([])
    expect(bia.take(), 'what bia received (her own chat, and no leave of "ana")').toEqual([
      chat('bia', 'oi', 1),
    ])
  })

  it('ignores join from a peer that is already a member, under its name or another', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.join(ana, 'ana')
    hub.join(ana, 'anabela')
    expect(ana.closedWith, 'how ana was closed after joining again').toBe('never closed')
    expect(ana.take(), 'what ana received after joining again').toEqual([])
    expect(bia.take(), 'what bia received when ana joined again').toEqual([])
    say(hub, ana, 'ainda sou a ana')
    expect(bia.take(), 'what bia received when ana spoke next').toEqual([
      chat('ana', 'ainda sou a ana', 1),
    ])
  })

  it('frees a name when its owner leaves', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    hub.leave(ana)
    const again = new TestPeer('the new "ana"')
    hub.join(again, 'ana')
    expect(again.closedWith, 'how the new "ana" was closed').toBe('never closed')
    expect(again.take(), 'what the new "ana" received').toEqual([{ type: 'history', messages: [] }])
  })
})

describe('receive', () => {
  it('relays {"type":"chat","text":"oi"} to everyone, sender included, with user and seq', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, '{"type":"chat","text":"oi"}')
    expect(ana.take(), 'what ana (the sender) received').toEqual([chat('ana', 'oi', 1)])
    expect(bia.take(), 'what bia received').toEqual([chat('ana', 'oi', 1)])
  })

  it('numbers chat messages 1, 2, 3 across all users', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, 'um')
    say(hub, bia, 'dois')
    say(hub, ana, 'três')
    expect(bia.take(), 'what bia received').toEqual([
      chat('ana', 'um', 1),
      chat('bia', 'dois', 2),
      chat('ana', 'três', 3),
    ])
  })

  it('uses the joined name, never a "user" field sent by the client', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, '{"type":"chat","text":"sou a bia","user":"bia"}')
    expect(bia.take(), 'what bia received').toEqual([chat('ana', 'sou a bia', 1)])
  })

  it('ignores other keys: relays only type, user, text and its own seq', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    const raw = '{"type":"chat","text":"oi","seq":99,"color":"red"}'
    hub.receive(ana, raw)
    expect(bia.take(), `what bia received after ${raw}`).toEqual([chat('ana', 'oi', 1)])
  })

  it('answers oi (not JSON) with {"type":"error"} to the sender only', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, 'oi')
    expect(ana.take(), 'what ana received after sending oi').toEqual([ERROR])
    expect(bia.take(), 'what bia received after ana sent oi').toEqual([])
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
      expect(ana.take(), `what ana received after sending ${raw}`).toEqual([ERROR])
    }
    expect(bia.take(), 'what bia received meanwhile').toEqual([])
  })

  it('rejects an empty text ""', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, '')
    expect(ana.take(), 'what ana received after sending {"type":"chat","text":""}').toEqual([ERROR])
    expect(bia.take(), 'what bia received meanwhile').toEqual([])
  })

  it('rejects a text of only spaces, tabs and line breaks', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    for (const text of ['   ', '\t', ' \n\r\n ']) {
      say(hub, ana, text)
      expect(
        ana.take(),
        `what ana received after sending the text ${JSON.stringify(text)}`,
      ).toEqual([ERROR])
    }
    expect(bia.take(), 'what bia received meanwhile').toEqual([])
  })

  it('accepts 500 characters of text and rejects 501', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, 'x'.repeat(501))
    expect(ana.take(), 'what ana received after sending 501 characters').toEqual([ERROR])
    say(hub, ana, 'x'.repeat(500))
    expect(bia.take(), 'what bia received after 501, then 500 characters').toEqual([
      chat('ana', 'x'.repeat(500), 1),
    ])
  })

  it('counts characters as code points, like zod\'s .max: 500 "😀" pass, 501 do not', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    say(hub, ana, '😀'.repeat(501))
    expect(ana.take(), 'what ana received after 501 "😀" (text.length 1002)').toEqual([ERROR])
    say(hub, ana, '😀'.repeat(500))
    expect(bia.take(), 'what bia received after 501, then 500 "😀" (text.length 1000)').toEqual([
      chat('ana', '😀'.repeat(500), 1),
    ])
  })

  it('an error uses no seq: the next chat message is still seq 1', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, 'oi')
    say(hub, ana, 'oi')
    expect(bia.take(), 'what bia received after a bad message and a good one').toEqual([
      chat('ana', 'oi', 1),
    ])
  })

  it('ignores input from a peer that has not joined', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    const stranger = new TestPeer('a peer that never joined')
    hub.receive(stranger, '{"type":"chat","text":"oi"}')
    hub.receive(stranger, 'oi')
    expect(stranger.take(), 'what the peer that never joined received').toEqual([])
    expect(ana.take(), 'what ana received').toEqual([])
  })

  it('ignores input from a peer that left and from a rejected duplicate', () => {
    const { hub, peers } = hubWith(['ana', 'bia', 'caio'])
    const [ana, bia, caio] = peers as [TestPeer, TestPeer, TestPeer]
    hub.leave(caio)
    const impostor = new TestPeer('the second "ana"')
    hub.join(impostor, 'ana')
    for (const peer of [ana, bia]) peer.take()
    say(hub, caio, 'ainda estou aqui?')
    say(hub, impostor, 'sou a ana')
    hub.receive(caio, 'oi')
    expect(caio.take(), 'what caio received after he left').toEqual([])
    expect(impostor.take(), 'what the rejected second "ana" received').toEqual([])
    expect(ana.take(), 'what ana received').toEqual([])
    expect(bia.take(), 'what bia received').toEqual([])
  })
})

describe('leave', () => {
  it('tells the others {"type":"leave","user":"ana"}', () => {
    const { hub, peers } = hubWith(['ana', 'bia', 'caio'])
    const [ana, bia, caio] = peers as [TestPeer, TestPeer, TestPeer]
    hub.leave(ana)
    expect(bia.take(), 'what bia received when ana left').toEqual([{ type: 'leave', user: 'ana' }])
    expect(caio.take(), 'what caio received when ana left').toEqual([
      { type: 'leave', user: 'ana' },
    ])
    expect(ana.take(), 'what ana received when she left').toEqual([])
  })

  it('sends nothing more to a peer that left', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.leave(ana)
    say(hub, bia, 'tchau')
    expect(ana.take(), 'what ana received after she left').toEqual([])
  })

  it('does nothing for a peer that never joined or has already left', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.leave(new TestPeer('a peer that never joined'))
    expect(bia.take(), 'what bia received when a peer that never joined left').toEqual([])
    hub.leave(ana)
    bia.take()
    hub.leave(ana)
    expect(bia.take(), 'what bia received when ana left a second time').toEqual([])
  })
})

describe('history', () => {
  it('keeps only the last historySize messages (historySize: 2)', () => {
    const { hub, peers } = hubWith(['ana'], { historySize: 2 })
    const [ana] = peers as [TestPeer]
    say(hub, ana, 'a', 'b', 'c')
    const bia = new TestPeer('bia')
    hub.join(bia, 'bia')
    expect(bia.take(), 'what bia received when she joined after a, b, c').toEqual([
      { type: 'history', messages: [chat('ana', 'b', 2), chat('ana', 'c', 3)] },
    ])
  })

  it('keeps the last 50 messages by default', () => {
    const { hub, peers } = hubWith(['ana'])
    const [ana] = peers as [TestPeer]
    say(hub, ana, ...Array.from({ length: 51 }, (_, i) => `m${i + 1}`))
    const bia = new TestPeer('bia')
    hub.join(bia, 'bia')
    const [history] = bia.take() as [{ messages?: { seq?: number }[] } | undefined]
    expect(
      history?.messages?.map(({ seq }) => seq),
      'the seqs in the history bia received after 51 messages',
    ).toEqual(Array.from({ length: 50 }, (_, i) => i + 2))
  })

  it('holds chat messages only: bad input, joins and leaves are not in it', () => {
    const { hub, peers } = hubWith(['ana', 'bia'])
    const [ana, bia] = peers as [TestPeer, TestPeer]
    hub.receive(ana, 'oi')
    say(hub, ana, 'oi')
    hub.leave(bia)
    const caio = new TestPeer('caio')
    hub.join(caio, 'caio')
    expect(caio.take(), 'what caio received when he joined').toEqual([
      { type: 'history', messages: [chat('ana', 'oi', 1)] },
    ])
  })
})
