import { describe, expect, it } from 'vitest'
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
  return { client, timers, sockets, received, latest, giveUps: () => giveUps }
}

describe('backoffDelay', () => {
  const noJitter = { baseMs: 100, maxMs: 10_000, jitter: 0 }

  it('doubles the delay at each attempt, starting from baseMs at attempt 0', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, noJitter, () => 0.5))
    expect(delays).toEqual([100, 200, 400, 800, 1600])
  })

  it('stops growing at maxMs', () => {
    const options = { baseMs: 100, maxMs: 5000, jitter: 0 }
    expect(backoffDelay(6, options, () => 0.5)).toBe(5000)
    expect(backoffDelay(40, options, () => 0.5)).toBe(5000)
  })

  it('spreads the delay by up to ± jitter, both below and above it', () => {
    const options = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 }
    expect(backoffDelay(0, options, () => 0)).toBe(800)
    expect(backoffDelay(0, options, () => 0.25)).toBe(900)
    expect(backoffDelay(0, options, () => 0.5)).toBe(1000)
    expect(backoffDelay(0, options, () => 0.75)).toBe(1100)
  })

  it('applies the jitter after the cap, so clients at the cap still spread out', () => {
    const options = { baseMs: 100, maxMs: 1000, jitter: 0.5 }
    expect(backoffDelay(10, options, () => 0)).toBe(500)
    expect(backoffDelay(10, options, () => 0.75)).toBe(1250)
  })
})

describe('ReconnectingClient: connecting and receiving', () => {
  it('connects at once from seq 0 and stays connecting until the socket opens', () => {
    const { client, sockets } = setup()
    expect(sockets.map((socket) => socket.since)).toEqual([0])
    expect(client.state).toBe('connecting')
    sockets[0]?.open()
    expect(client.state).toBe('open')
  })

  it('hands each message to onMessage and remembers its seq as lastSeq', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"oi"}')
    latest().receive('{"seq":2,"text":"tudo bem?"}')
    expect(received).toEqual([
      { seq: 1, text: 'oi' },
      { seq: 2, text: 'tudo bem?' },
    ])
    expect(client.lastSeq).toBe(2)
  })

  it('drops a replayed message whose seq it has already seen', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":1,"text":"a"}')
    expect(received.map((message) => message.seq)).toEqual([1, 2])
    expect(client.lastSeq).toBe(2)
  })
  it('ignores a message that is not JSON with an integer seq', () => {
    const { client, latest, received } = setup()
    latest().open()
    latest().receive('oi')
    latest().receive('{"text":"sem seq"}')
    latest().receive('{"seq":"2","text":"seq em texto"}')
    latest().receive('{"seq":1,"text":"ok"}')
    expect(received).toEqual([{ seq: 1, text: 'ok' }])
    expect(client.lastSeq).toBe(1)
  })
})

describe('ReconnectingClient: reconnecting', () => {
  it('reconnects after an abnormal close (1006) once the backoff delay has passed', () => {
    const { client, timers, sockets, latest } = setup()
    latest().open()
    latest().drop(1006)
    expect(client.state).toBe('waiting')
    expect(timers.pendingDelays()).toEqual([100])
    timers.advance(99)
    expect(sockets).toHaveLength(1)
    timers.advance(1)
    expect(sockets).toHaveLength(2)
    expect(client.state).toBe('connecting')
  })

  it('resumes from the last seq seen, not from 0', () => {
    const { timers, sockets, latest } = setup()
    latest().open()
    latest().receive('{"seq":1,"text":"a"}')
    latest().receive('{"seq":2,"text":"b"}')
    latest().receive('{"seq":3,"text":"c"}')
    latest().drop(1001)
    timers.advance(100)
    expect(sockets.map((socket) => socket.since)).toEqual([0, 3])
  })

  it('does not reconnect after a normal close (1000)', () => {
    const { client, timers, sockets, latest, giveUps } = setup()
    latest().open()
    latest().drop(1000)
    timers.advance(60_000)
    expect(sockets).toHaveLength(1)
    expect(timers.pendingDelays()).toEqual([])
    expect(client.state).toBe('closed')
    expect(giveUps()).toBe(0)
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
    expect(delays).toEqual([100, 200, 400])
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
    expect(timers.pendingDelays()).toEqual([100])
  })

  it('uses the injected random for the jitter', () => {
    const { timers, latest } = setup({
      backoff: { baseMs: 1000, maxMs: 10_000, jitter: 0.5 },
      random: () => 0,
    })
    latest().drop(1006)
    expect(timers.pendingDelays()).toEqual([500])
  })

  it('gives up after maxRetries failed retries in a row and calls onGiveUp once', () => {
    const { client, timers, sockets, latest, giveUps } = setup({ maxRetries: 3 })
    latest().drop(1006)
    for (let retry = 0; retry < 10; retry++) {
      timers.advance(10_000)
      latest().drop(1006)
    }
    expect(sockets).toHaveLength(1 + 3)
    expect(giveUps()).toBe(1)
    expect(client.state).toBe('closed')
    expect(timers.pendingDelays()).toEqual([])
  })
})

describe('ReconnectingClient: sending', () => {
  it('queues sends while connecting and flushes them in order when the socket opens', () => {
    const { client, latest } = setup()
    client.send('um')
    client.send('dois')
    expect(latest().sent).toEqual([])
    latest().open()
    client.send('três')
    expect(latest().sent).toEqual(['um', 'dois', 'três'])
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
    expect(sockets[0]?.sent).toEqual(['a'])
    expect(sockets[1]?.sent).toEqual(['b', 'c', 'd', 'e'])
  })

  it('throws on send() after close()', () => {
    const { client, latest } = setup()
    latest().open()
    client.close()
    expect(() => client.send('tarde demais')).toThrow()
  })
})

describe('ReconnectingClient: close()', () => {
  it('closes the socket with 1000 and never reconnects, even if a late 1006 arrives', () => {
    const { client, timers, sockets, latest } = setup()
    latest().open()
    client.close()
    expect(sockets[0]?.closedWith).toEqual([1000])
    latest().drop(1006)
    timers.advance(60_000)
    expect(sockets).toHaveLength(1)
    expect(client.state).toBe('closed')
  })

  it('cancels a pending retry', () => {
    const { client, timers, sockets, latest } = setup()
    latest().open()
    latest().drop(1006)
    client.close()
    timers.advance(60_000)
    expect(sockets).toHaveLength(1)
    expect(timers.pendingDelays()).toEqual([])
  })
})
