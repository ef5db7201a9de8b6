import { EventEmitter, once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { Heartbeat } from './heartbeat.ts'

const INTERVAL_MS = 30_000

/**
 * A stub socket (no network: fake timers cannot drive a real peer's answers tick by tick).
 * It counts pings and terminations; `pong()` plays the peer's answer.
 */
class StubSocket extends EventEmitter {
  pings = 0
  terminations = 0

  ping(): void {
    this.pings++
  }

  terminate(): void {
    this.terminations++
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

describe('Heartbeat with stub sockets', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  describe('add, remove and size', () => {
    it('counts added sockets, and the same socket added twice once', () => {
      const heartbeat = new Heartbeat(INTERVAL_MS)
      const a = new StubSocket()
      heartbeat.add(a)
      heartbeat.add(new StubSocket())
      heartbeat.add(a)
      expect(heartbeat.size).toBe(2)
    })

    it('forgets a removed socket: it is never pinged nor terminated', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.remove(socket)
      tick()
      tick()
      expect(heartbeat.size).toBe(0)
      expect(socket.pings).toBe(0)
      expect(socket.terminations).toBe(0)
    })

    it('ignores a late pong from a removed socket (it does not come back)', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      heartbeat.remove(socket)
      socket.pong()
      tick()
      expect(heartbeat.size).toBe(0)
      expect(socket.pings).toBe(1)
    })

    it('rejects an interval that is not a positive number of milliseconds', () => {
      for (const intervalMs of [0, -1000, Number.NaN]) {
        expect(() => new Heartbeat(intervalMs), String(intervalMs)).toThrow(RangeError)
      }
    })
  })

  describe('ticks', () => {
    it('does nothing before start()', () => {
      const socket = new StubSocket()
      const heartbeat = new Heartbeat(INTERVAL_MS)
      heartbeat.add(socket)
      vi.advanceTimersByTime(10 * INTERVAL_MS)
      expect(socket.pings).toBe(0)
      expect(heartbeat.size).toBe(1)
    })

    it('pings every socket once per interval, not before', () => {
      const a = new StubSocket()
      const b = new StubSocket()
      started(a, b)
      vi.advanceTimersByTime(INTERVAL_MS - 1)
      expect([a.pings, b.pings]).toEqual([0, 0])
      vi.advanceTimersByTime(1)
      expect([a.pings, b.pings]).toEqual([1, 1])
    })

    it('pings a new socket at the first tick instead of terminating it', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      expect(socket.terminations).toBe(0)
      expect(socket.pings).toBe(1)
      expect(heartbeat.size).toBe(1)
    })

    it('keeps a socket that answers every ping', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      for (let i = 0; i < 5; i++) {
        tick()
        socket.pong()
      }
      expect(socket.pings).toBe(5)
      expect(socket.terminations).toBe(0)
      expect(heartbeat.size).toBe(1)
    })

    it('terminates and drops a socket that has not answered since the previous tick', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      tick()
      expect(socket.terminations).toBe(1)
      expect(socket.pings).toBe(1)
      expect(heartbeat.size).toBe(0)
    })

    it('counts a pong for one interval only: silence after an answer is still fatal', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      socket.pong()
      tick()
      expect(socket.terminations).toBe(0)
      tick()
      expect(socket.terminations).toBe(1)
      expect(heartbeat.size).toBe(0)
    })

    it('terminates a dead socket once and never touches it again', () => {
      const socket = new StubSocket()
      started(socket)
      for (let i = 0; i < 5; i++) tick()
      expect(socket.terminations).toBe(1)
      expect(socket.pings).toBe(1)
    })

    it('judges each socket on its own: only the silent one goes', () => {
      const talker = new StubSocket()
      const silent = new StubSocket()
      const heartbeat = started(talker, silent)
      tick()
      talker.pong()
      tick()
      expect(silent.terminations).toBe(1)
      expect(talker.terminations).toBe(0)
      expect(talker.pings).toBe(2)
      expect(heartbeat.size).toBe(1)
    })
  })

  describe('start and stop', () => {
    it('start() twice still ticks once per interval', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.start()
      expect(vi.getTimerCount()).toBe(1)
      tick()
      expect(socket.pings).toBe(1)
    })

    it('stop() clears the timer: no more pings, no more terminations', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      tick()
      heartbeat.stop()
      expect(vi.getTimerCount()).toBe(0)
      vi.advanceTimersByTime(10 * INTERVAL_MS)
      expect(socket.pings).toBe(1)
      expect(socket.terminations).toBe(0)
    })

    it('start() after stop() resumes the ticks', () => {
      const socket = new StubSocket()
      const heartbeat = started(socket)
      heartbeat.stop()
      heartbeat.start()
      tick()
      expect(socket.pings).toBe(1)
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
    expect(code).toBe(1006)
    expect(heartbeat.size).toBe(1)
    expect(talker.readyState).toBe(WebSocket.OPEN)
  })
})
