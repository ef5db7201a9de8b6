import { EventEmitter, once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { Heartbeat } from './heartbeat.ts'

const INTERVAL_MS = 30_000

/** When the fake clock started: a stub socket logs its calls in seconds from here. */
let clockStart = 0

/**
 * A stub socket (no network: fake timers cannot drive a real peer's answers tick by tick).
 * It logs what the heartbeat did to it, with the time ('ping at 30 s'); `pong()` plays the peer's
 * answer.
 */
class StubSocket extends EventEmitter {
  readonly calls: string[] = []

  ping(): void {
    this.calls.push(`ping at ${(Date.now() - clockStart) / 1000} s`)
  }

  terminate(): void {
    this.calls.push(`terminate at ${(Date.now() - clockStart) / 1000} s`)
  }

  pong(): void {
    this.emit('pong')
  }
}

/** Runs one heartbeat tick. */
function tick(): void {
  vi.advanceTimersByTime(INTERVAL_MS)
}

function started(...sockets: StubSocket[]): Heartbeat {
  const heartbeat = new Heartbeat(INTERVAL_MS)
  for (const socket of sockets) heartbeat.add(socket)
  heartbeat.start()
  return heartbeat
}

/** What `new Heartbeat(intervalMs)` did, as a sentence. */
function construct(intervalMs: number): string {
  try {
    const heartbeat = new Heartbeat(intervalMs)
    return `returned a ${heartbeat.constructor.name}`
  } catch (error) {
    if (error instanceof RangeError) return 'threw a RangeError'
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
  }
}

describe('Heartbeat with stub sockets', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    clockStart = Date.now()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  describe('the interval', () => {
    it('rejects an interval that is not a positive number of milliseconds', () => {
      const outcomes = [0, -1000, Number.NaN].map((ms) => `new Heartbeat(${ms}) ${construct(ms)}`)
      expect(outcomes).toEqual([
        'new Heartbeat(0) threw a RangeError',
        'new Heartbeat(-1000) threw a RangeError',
        'new Heartbeat(NaN) threw a RangeError',
      ])
    })

    it('rejects Infinity and 2 ** 31 ms, which setInterval cannot keep, and accepts 2 ** 31 - 1', () => {
      const outcomes = [Number.POSITIVE_INFINITY, 2 ** 31, 2 ** 31 - 1, 1].map(
        (ms) => `new Heartbeat(${ms}) ${construct(ms)}`,
      )
      expect(outcomes).toEqual([
        'new Heartbeat(Infinity) threw a RangeError',
        'new Heartbeat(2147483648) threw a RangeError',
        'new Heartbeat(2147483647) returned a Heartbeat',
        'new Heartbeat(1) returned a Heartbeat',
      ])
    })
  })

  describe('add, remove and size', () => {
    it('counts added sockets, and the same socket added twice once', () => {
      const heartbeat = new Heartbeat(INTERVAL_MS)
      const a = new StubSocket()
      heartbeat.add(a)
      heartbeat.add(new StubSocket())
      heartbeat.add(a)
      expect(heartbeat.size, 'heartbeat.size after add(a), add(b), add(a)').toBe(2)
    })

    it('adding a watched socket again does not count as an answer', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      heartbeat.add(socket)
      tick()
      expect(socket.calls, 'what the heartbeat did to a silent socket added twice').toEqual([
        'ping at 30 s',
        'terminate at 60 s',
      ])
      expect(heartbeat.size, 'heartbeat.size after it was terminated').toBe(0)
    })

    it('forgets a removed socket: it is never pinged nor terminated', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.remove(socket)
      tick()
      tick()
      expect(heartbeat.size, 'heartbeat.size after remove').toBe(0)
      expect(socket.calls, 'what the heartbeat did to the removed socket').toEqual([])
    })

    it('ignores a late pong from a removed socket (it does not come back)', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      heartbeat.remove(socket)
      socket.pong()
      tick()
      expect(heartbeat.size, 'heartbeat.size after remove and a late pong').toBe(0)
      expect(socket.calls, 'what the heartbeat did to the socket').toEqual(['ping at 30 s'])
    })
  })

  describe('ticks', () => {
    it('does nothing before start()', () => {
      const socket = new StubSocket()
      const heartbeat = new Heartbeat(INTERVAL_MS)
      heartbeat.add(socket)
      vi.advanceTimersByTime(10 * INTERVAL_MS)
      expect(socket.calls, 'what the heartbeat did in 300 s without start()').toEqual([])
      expect(heartbeat.size, 'heartbeat.size').toBe(1)
    })

    it('pings every socket once per interval, not before', () => {
      const a = new StubSocket()
      const b = new StubSocket()
      started(a, b)
      vi.advanceTimersByTime(INTERVAL_MS - 1)
      expect([a.calls, b.calls], 'what the heartbeat did to a and b before 30 s').toEqual([[], []])
      vi.advanceTimersByTime(1)
      expect([a.calls, b.calls], 'what the heartbeat did to a and b at 30 s').toEqual([
        ['ping at 30 s'],
        ['ping at 30 s'],
      ])
    })

    it('pings a new socket at the first tick instead of terminating it', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      expect(socket.calls, 'what the heartbeat did to a new socket').toEqual(['ping at 30 s'])
      expect(heartbeat.size, 'heartbeat.size after the first tick').toBe(1)
    })

    it('keeps a socket that answers every ping', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      for (let i = 0; i < 5; i++) {
        tick()
        socket.pong()
      }
      expect(socket.calls, 'what the heartbeat did to a socket that answers').toEqual([
        'ping at 30 s',
        'ping at 60 s',
        'ping at 90 s',
        'ping at 120 s',
        'ping at 150 s',
      ])
      expect(heartbeat.size, 'heartbeat.size').toBe(1)
    })

    it('terminates and drops a socket that has not answered since the previous tick', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      tick()
      expect(socket.calls, 'what the heartbeat did to a silent socket').toEqual([
        'ping at 30 s',
        'terminate at 60 s',
      ])
      expect(heartbeat.size, 'heartbeat.size after it was terminated').toBe(0)
    })

    it('counts a pong for one interval only: silence after an answer is still fatal', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      socket.pong()
      tick()
      tick()
      expect(socket.calls, 'what the heartbeat did to a socket that answered once').toEqual([
        'ping at 30 s',
        'ping at 60 s',
        'terminate at 90 s',
      ])
      expect(heartbeat.size, 'heartbeat.size after it was terminated').toBe(0)
    })

    it('terminates a dead socket once and never touches it again', () => {
      const socket = new StubSocket()
      started(socket)
      for (let i = 0; i < 5; i++) tick()
      expect(socket.calls, 'what the heartbeat did to a silent socket in 150 s').toEqual([
        'ping at 30 s',
        'terminate at 60 s',
      ])
    })

    it('judges each socket on its own: only the silent one goes', () => {
      const talker = new StubSocket()
      const silent = new StubSocket()
      const heartbeat = started(talker, silent)
      tick()
      talker.pong()
      tick()
      expect(
        { talker: talker.calls, silent: silent.calls },
        'what the heartbeat did to each socket',
      ).toEqual({
        talker: ['ping at 30 s', 'ping at 60 s'],
        silent: ['ping at 30 s', 'terminate at 60 s'],
      })
      expect(heartbeat.size, 'heartbeat.size').toBe(1)
    })
  })

  describe('start and stop', () => {
    it('start() twice still ticks once per interval', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.start()
      expect(vi.getTimerCount(), 'timers running after start() twice').toBe(1)
      tick()
      expect(socket.calls, 'what the heartbeat did in the first 30 s').toEqual(['ping at 30 s'])
    })

    it('stop() clears the timer: no more pings, no more terminations', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      heartbeat.stop()
      expect(vi.getTimerCount(), 'timers running after stop()').toBe(0)
      vi.advanceTimersByTime(10 * INTERVAL_MS)
      expect(socket.calls, 'what the heartbeat did, stopped at 30 s').toEqual(['ping at 30 s'])
    })

    it('start() after stop() resumes the ticks', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.stop()
      heartbeat.start()
      tick()
      expect(socket.calls, 'what the heartbeat did after stop() and start()').toEqual([
        'ping at 30 s',
      ])
    })

    it('stop() keeps the sockets and whether they answered', () => {
      const silent = new StubSocket()
      const talker = new StubSocket()
      const heartbeat = started(silent, talker)
      tick()
      talker.pong()
      heartbeat.stop()
      expect(heartbeat.size, 'heartbeat.size after stop()').toBe(2)
      heartbeat.start()
      tick()
      expect(
        { silent: silent.calls, talker: talker.calls },
        'what the heartbeat did to each socket, stopped and started again at 30 s',
      ).toEqual({
        silent: ['ping at 30 s', 'terminate at 60 s'],
        talker: ['ping at 30 s', 'ping at 60 s'],
      })
    })
  })
})

describe('Heartbeat with real ws sockets', () => {
  // Only the interval is fake: the sockets, their pings and pongs are real.
  let wss: WebSocketServer | undefined
  const clients: WebSocket[] = []

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  })
  afterEach(async () => {
    // Back to real timers: the fake interval, and any heartbeat tick, is gone with the fake clock.
    vi.useRealTimers()
    for (const client of clients.splice(0)) client.terminate()
    if (wss) {
      const closing = once(wss, 'close')
      wss.close()
      for (const socket of wss.clients) socket.terminate()
      await closing
    }
  })

  const within = () => ({ signal: AbortSignal.timeout(5_000) })

  it('terminates a client that never answers pings (autoPong: false) and keeps one that does', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    wss = server
    await once(server, 'listening', within())
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
    const accepted: WebSocket[] = []
    server.on('connection', (socket) => accepted.push(socket))

    const talker = new WebSocket(url)
    clients.push(talker)
    await once(talker, 'open', within())
    const zombie = new WebSocket(url, { autoPong: false })
    clients.push(zombie)
    await once(zombie, 'open', within())
    const [talkerOnServer, zombieOnServer] = accepted as [WebSocket, WebSocket]

    const heartbeat = new Heartbeat(INTERVAL_MS)
    heartbeat.add(talkerOnServer)
    heartbeat.add(zombieOnServer)
    heartbeat.start()

    const talkerAnswered = once(talkerOnServer, 'pong', within())
    const zombiePinged = once(zombie, 'ping', within())
    vi.advanceTimersByTime(INTERVAL_MS)
    await Promise.all([talkerAnswered, zombiePinged])

    const zombieClosed = once(zombie, 'close', within())
    vi.advanceTimersByTime(INTERVAL_MS)
    const [code] = (await zombieClosed) as [number]
    expect(code, 'the close code the zombie client saw (1006: dropped, no close frame)').toBe(1006)
    expect(heartbeat.size, 'heartbeat.size after the zombie went').toBe(1)
    expect(
      ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'][talker.readyState],
      'the client that answers',
    ).toBe('OPEN')
  })
})
