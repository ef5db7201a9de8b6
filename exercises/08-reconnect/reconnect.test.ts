import { inspect } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  backoffDelay,
  ReconnectingClient,
  type ReconnectingClientOptions,
  type ServerMessage,
  type SocketLike,
  type Timers,
} from './reconnect.ts'

/** A clock that only moves when the test says so: no real waiting. */
class FakeTimers implements Timers {
  now = 0
  #nextId = 1
  #pending = new Map<number, { at: number; callback: () => void }>()

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextId++
    this.#pending.set(id, { at: this.now + ms, callback })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number)
  }

  /** Delays (from now) of the timers still waiting to fire. */
  pendingDelays(): number[] {
    return [...this.#pending.values()].map((timer) => timer.at - this.now)
  }

  advance(ms: number): void {
    const until = this.now + ms
    for (;;) {
      const due = [...this.#pending.entries()]
        .filter(([, timer]) => timer.at <= until)
        .sort(([, a], [, b]) => a.at - b.at)[0]
      if (!due) break
      const [id, timer] = due
      this.#pending.delete(id)
      this.now = timer.at
      timer.callback()
    }
    this.now = until
  }
}

/** A socket the test drives from the server side. Like a real WebSocket, send() throws unless open. */
class FakeSocket implements SocketLike {
  onopen: (() => void) | null = null
  onmessage: ((data: string) => void) | null = null
  onclose: ((code: number) => void) | null = null
  sent: string[] = []
  closedWith: number[] = []
  #open = false

  constructor(readonly since: number) {}

  send(data: string): void {
    if (!this.#open) throw new Error('InvalidStateError: the socket is not open')
    this.sent.push(data)
  }

  close(code = 1005): void {
    this.closedWith.push(code)
    this.#open = false
  }

  open(): void {
    this.#open = true
    this.onopen?.()
  }

  receive(data: string): void {
    this.onmessage?.(data)
  }

  drop(code = 1006): void {
    this.#open = false
    this.onclose?.(code)
  }
}

function setup(overrides: Partial<ReconnectingClientOptions> = {}) {
  const timers = new FakeTimers()
  const sockets: FakeSocket[] = []
  const received: ServerMessage[] = []
  let giveUps = 0
  const client = new ReconnectingClient({
    connect: (since) => {
      const socket = new FakeSocket(since)
      sockets.push(socket)
      return socket
    },
    timers,
    backoff: { baseMs: 100, maxMs: 10_000, jitter: 0 },
    maxRetries: 5,
    random: () => 0.5,
    onMessage: (message) => received.push(message),
    onGiveUp: () => {
      giveUps += 1
    },
    ...overrides,
  })
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1)
    if (!socket) throw new Error('connect() was never called')
    return socket
  }
  /** The `since` of every connect() call so far, in order. */
  const connects = (): number[] => sockets.map((socket) => socket.since)
  return { client, timers, sockets, received, latest, connects, giveUps: () => giveUps }
}

/** What a call did, in words a failure message can show: "returned undefined", "threw Error: …". */
function outcome(call: () => unknown): string {
  try {
    return `returned ${inspect(call())}`
  } catch (error) {
    return error instanceof Error
      ? `threw ${error.name}: ${error.message}`
      : `threw ${inspect(error)}`
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('backoffDelay', () => {
  const noJitter = { baseMs: 100, maxMs: 10_000, jitter: 0 }

  it('doubles the delay at each attempt, starting from baseMs at attempt 0', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, noJitter, () => 0.5))
    expect(delays, 'backoffDelay(0…4, { baseMs: 100, maxMs: 10000, jitter: 0 })').toEqual([
      100, 200, 400, 800, 1600,
    ])
  })

  it('stops growing at maxMs', () => {
    const options = { baseMs: 100, maxMs: 5000, jitter: 0 }
    const delays = [6, 40].map((attempt) => backoffDelay(attempt, options, () => 0.5))
    expect(delays, 'backoffDelay(6 and 40, { baseMs: 100, maxMs: 5000, jitter: 0 })').toEqual([
      5000, 5000,
    ])
  })

  it('spreads the delay by up to ± jitter, both below and above it', () => {
    const options = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 }
    const delays = [0, 0.25, 0.5, 0.75].map((r) => backoffDelay(0, options, () => r))
    expect(
      delays,
      'backoffDelay(0, { baseMs: 1000, jitter: 0.2 }) with random() 0, .25, .5, .75',
    ).toEqual([800, 900, 1000, 1100])
  })

  it('applies the jitter after the cap, so clients at the cap still spread out', () => {
    const options = { baseMs: 100, maxMs: 1000, jitter: 0.5 }
    const delays = [0, 0.75].map((r) => backoffDelay(10, options, () => r))
    expect(
      delays,
      'backoffDelay(10, { baseMs: 100, maxMs: 1000, jitter: 0.5 }) with random() 0, .75',
    ).toEqual([500, 1250])
  })

  it('rounds to whole milliseconds with Math.round (924.6 → 925, 1075.4 → 1075)', () => {
    const options = { baseMs: 1000, maxMs: 10_000, jitter: 0.1 }
    const delays = [0.123, 0.877].map((r) => backoffDelay(0, options, () => r))
    expect(
      delays,
      'backoffDelay(0, { baseMs: 1000, jitter: 0.1 }) with random() .123, .877',
    ).toEqual([925, 1075])
  })

  it('uses Math.random when no random is given, in backoffDelay and in the client', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const options = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 }
    expect(
      backoffDelay(0, options),
      'backoffDelay(0, { baseMs: 1000, jitter: 0.2 }) with Math.random() 0',
    ).toBe(800)
    const { timers, latest } = setup({ backoff: options, random: undefined })
    latest().drop(1006)
    expect(timers.pendingDelays(), 'retry timers pending after a 1006, Math.random() 0').toEqual([
      800,
    ])
  })
})

describe('ReconnectingClient: connecting and receiving', () => {
  it('connects at once from seq 0 and stays connecting until the socket opens', () => {
    const { client, sockets, connects } = setup()
    expect(connects(), 'since of each connect() call').toEqual([0])
    expect(client.state, 'state before the socket opens').toBe('connecting')
    sockets[0]?.open()
    expect(client.state, 'state once the socket opened').toBe('open')
  })

  it('starts with lastSeq 0, before any message', () => {
    const { client, latest } = setup()
    expect(client.lastSeq, 'lastSeq right after the constructor').toBe(0)
    latest().open()
    expect(client.lastSeq, 'lastSeq once open, before any message').toBe(0)
  })

  it('hands each message to onMessage and remembers its seq as lastSeq', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"oi"}')
    latest().receive('{"seq":2,"text":"tudo bem?"}')
    expect(received, 'messages handed to onMessage').toEqual([
      { seq: 1, text: 'oi' },
      { seq: 2, text: 'tudo bem?' },
    ])
    expect(client.lastSeq, 'lastSeq').toBe(2)
  })

  it('drops a replayed message whose seq it has already seen', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":1,"text":"a"}')
    expect(
      received.map((message) => message.seq),
      'seq of the messages handed to onMessage after 1, 2, 2, 1',
    ).toEqual([1, 2])
    expect(client.lastSeq, 'lastSeq').toBe(2)
  })

  it('delivers a message that skips ahead (seq 5 after 2): only seq <= lastSeq is a replay', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":5,"text":"e"}')
    latest().receive('{"seq":6,"text":"f"}')
    expect(
      received.map((message) => message.seq),
      'seq of the messages handed to onMessage after 1, 2, 5, 6',
    ).toEqual([1, 2, 5, 6])
    expect(client.lastSeq, 'lastSeq').toBe(6)
  })

  it('ignores a message that is not JSON with an integer seq', () => {
    const { client, latest, received } = setup()
    latest().open()
    for (const data of ['oi', '{"text":"sem seq"}', '{"seq":"2","text":"seq em texto"}', 'null']) {
      expect(
        outcome(() => latest().receive(data)),
        `receiving ${data}`,
      ).toBe('returned undefined')
    }
    latest().receive('{"seq":1,"text":"ok"}')
    expect(received, 'messages handed to onMessage').toEqual([{ seq: 1, text: 'ok' }])
    expect(client.lastSeq, 'lastSeq').toBe(1)
  })

  it('ignores a seq that is a number but not an integer (2.5)', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2.5,"text":"meio"}')
    latest().receive('{"seq":2,"text":"b"}')
    expect(
      received.map((message) => message.seq),
      'seq of the messages handed to onMessage after 1, 2.5, 2',
    ).toEqual([1, 2])
    expect(client.lastSeq, 'lastSeq').toBe(2)
  })

  it('runs without onMessage and onGiveUp: both are optional', () => {
    const { client, latest } = setup({ onMessage: undefined, onGiveUp: undefined, maxRetries: 0 })
    latest().open()
    expect(
      outcome(() => latest().receive('{"seq":1,"text":"a"}')),
      'receiving a message',
    ).toBe('returned undefined')
    expect(client.lastSeq, 'lastSeq').toBe(1)
    expect(
      outcome(() => latest().drop(1006)),
      'a 1006 with maxRetries 0 (giving up)',
    ).toBe('returned undefined')
    expect(client.state, 'state after giving up').toBe('closed')
  })
})

describe('ReconnectingClient: reconnecting', () => {
  it('reconnects after an abnormal close (1006) once the backoff delay has passed', () => {
    const { client, timers, connects, latest } = setup()
    latest().open()
    latest().drop(1006)
    expect(client.state, 'state after a 1006').toBe('waiting')
    expect(timers.pendingDelays(), 'retry timers pending after a 1006').toEqual([100])
    timers.advance(99)
    expect(connects(), 'connect() calls 99 ms after the drop').toEqual([0])
    timers.advance(1)
    expect(connects(), 'connect() calls 100 ms after the drop').toHaveLength(2)
    expect(client.state, 'state once the retry timer fired').toBe('connecting')
  })

  it('resumes from the last seq seen, not from 0', () => {
    const { timers, connects, latest } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":3,"text":"c"}')
    latest().drop(1001)
    timers.advance(100)
    expect(connects(), 'since of each connect() call').toEqual([0, 3])
  })

  it('does not reconnect after a normal close (1000)', () => {
    const { client, timers, connects, latest, giveUps } = setup()
    latest().open()
    latest().drop(1000)
    timers.advance(60_000)
    expect(connects(), 'connect() calls a minute after a 1000').toEqual([0])
    expect(timers.pendingDelays(), 'retry timers pending').toEqual([])
    expect(client.state, 'state after a 1000').toBe('closed')
    expect(giveUps(), 'onGiveUp calls').toBe(0)
  })

  it('waits longer after each failed retry in a row: 100, 200, 400 ms', () => {
    const { timers, latest } = setup()
    latest().open()
    const delays: number[] = []
    for (let retry = 0; retry < 3; retry++) {
      latest().drop(1006)
      delays.push(...timers.pendingDelays())
      timers.advance(10_000)
    }
    expect(delays, 'retry delays after three drops in a row, none of them opening').toEqual([
      100, 200, 400,
    ])
  })

  it('starts the backoff over once a connection opens again', () => {
    const { timers, latest } = setup()
    latest().open()
    latest().drop(1006)
    timers.advance(100)
    latest().drop(1006)
    timers.advance(200)
    latest().open()
    latest().drop(1006)
    expect(timers.pendingDelays(), 'retry delay after a drop that followed an open').toEqual([100])
  })

  it('uses the injected random for the jitter', () => {
    const { timers, latest } = setup({
      backoff: { baseMs: 1000, maxMs: 10_000, jitter: 0.5 },
      random: () => 0,
    })
    latest().drop(1006)
    expect(timers.pendingDelays(), 'retry delay with jitter 0.5 and random() 0').toEqual([500])
  })

  it('gives up after maxRetries failed retries in a row and calls onGiveUp once', () => {
    const { client, timers, connects, latest, giveUps } = setup({ maxRetries: 3 })
    latest().drop(1006)
    for (let retry = 0; retry < 10; retry++) {
      timers.advance(10_000)
      latest().drop(1006)
    }
    expect(connects(), 'connect() calls with maxRetries 3, no socket ever opening').toHaveLength(
      1 + 3,
    )
    expect(giveUps(), 'onGiveUp calls').toBe(1)
    expect(client.state, 'state after giving up').toBe('closed')
    expect(timers.pendingDelays(), 'retry timers pending').toEqual([])
  })

  it('does not give up while retries keep succeeding: maxRetries counts failures in a row', () => {
    const { client, timers, connects, latest, giveUps } = setup({ maxRetries: 2 })
    for (let drop = 0; drop < 5; drop++) {
      latest().open()
      latest().drop(1006)
      timers.advance(10_000)
    }
    expect(connects(), 'connect() calls after five drops, each retry opening').toHaveLength(6)
    expect(giveUps(), 'onGiveUp calls').toBe(0)
    expect(client.state, 'state').toBe('connecting')
  })
})

describe('ReconnectingClient: sending', () => {
  it('queues sends while connecting and flushes them in order when the socket opens', () => {
    const { client, latest } = setup()
    client.send('um')
    client.send('dois')
    expect(latest().sent, 'socket.send calls before the socket opened').toEqual([])
    latest().open()
    client.send('três')
    expect(latest().sent, 'socket.send calls').toEqual(['um', 'dois', 'três'])
  })

  it('queues sends while down and flushes them in order on the new socket', () => {
    const { client, timers, sockets, latest } = setup()
    latest().open()
    client.send('a')
    latest().drop(1006)
    client.send('b')
    client.send('c')
    timers.advance(100)
    client.send('d')
    latest().open()
    client.send('e')
    expect(sockets[0]?.sent, 'socket.send calls on the first socket').toEqual(['a'])
    expect(sockets[1]?.sent, 'socket.send calls on the second socket').toEqual(['b', 'c', 'd', 'e'])
  })

  it('sends each queued message once, not again after a later reconnect', () => {
    const { client, timers, sockets, latest } = setup()
    client.send('fila')
    latest().open()
    latest().drop(1006)
    timers.advance(100)
    latest().open()
    expect(
      sockets.map((socket) => socket.sent),
      'socket.send calls on each socket',
    ).toEqual([['fila'], []])
  })

  it('throws on send() after close()', () => {
    const { client, latest } = setup()
    latest().open()
    client.close()
    expect(
      outcome(() => client.send('tarde demais')),
      'send() after close()',
    ).toMatch(/^threw \w*Error: /)
  })

  it('throws on send() once the server closed normally (1000) or the client gave up', () => {
    const normal = setup()
    normal.latest().open()
    normal.latest().drop(1000)
    expect(
      outcome(() => normal.client.send('tchau?')),
      'send() after a 1000',
    ).toMatch(/^threw \w*Error: /)
    const gaveUp = setup({ maxRetries: 0 })
    gaveUp.latest().drop(1006)
    expect(
      outcome(() => gaveUp.client.send('alô?')),
      'send() after giving up',
    ).toMatch(/^threw \w*Error: /)
  })
})

describe('ReconnectingClient: close()', () => {
  it('closes the socket with 1000 and never reconnects, even if a late 1006 arrives', () => {
    const { client, timers, sockets, connects, latest } = setup()
    latest().open()
    client.close()
    expect(sockets[0]?.closedWith, 'codes of socket.close calls').toEqual([1000])
    latest().drop(1006)
    timers.advance(60_000)
    expect(connects(), 'connect() calls a minute after close()').toEqual([0])
    expect(client.state, 'state after close()').toBe('closed')
  })

  it('closes a socket that is still connecting with 1000', () => {
    const { client, latest } = setup()
    client.close()
    expect(latest().closedWith, 'codes of socket.close calls').toEqual([1000])
    expect(client.state, 'state after close()').toBe('closed')
  })

  it('ignores a message or an open that the old socket fires after close()', () => {
    const opened = setup()
    opened.latest().open()
    opened.latest().receive('{"seq":1,"text":"a"}')
    opened.client.close()
    opened.latest().receive('{"seq":2,"text":"tarde"}')
    expect(opened.received, 'messages handed to onMessage').toEqual([{ seq: 1, text: 'a' }])
    expect(opened.client.lastSeq, 'lastSeq').toBe(1)

    const connecting = setup()
    connecting.client.close()
    connecting.latest().open()
    expect(connecting.client.state, 'state after a late open').toBe('closed')
  })

  it('cancels a pending retry', () => {
    const { client, timers, connects, latest } = setup()
    latest().open()
    latest().drop(1006)
    client.close()
    expect(client.state, 'state after close() while waiting').toBe('closed')
    timers.advance(60_000)
    expect(connects(), 'connect() calls a minute after close()').toEqual([0])
    expect(timers.pendingDelays(), 'retry timers pending').toEqual([])
  })
})
