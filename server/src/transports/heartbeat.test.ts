import { afterEach, describe, expect, it, vi } from 'vitest'
import { type PingableSocket, WsHeartbeat } from './heartbeat.ts'

afterEach(() => {
  vi.useRealTimers()
})

function fakeSocket(answers: boolean) {
  const events: string[] = []
  let onPong = () => {}
  const socket: PingableSocket = {
    ping() {
      events.push(`ping ${Date.now()}`)
      if (answers) onPong()
    },
    terminate() {
      events.push(`terminate ${Date.now()}`)
    },
    on(_event, listener) {
      onPong = listener
    },
  }
  return { socket, events }
}

describe('WsHeartbeat', () => {
  it('pings a socket a whole interval after it joined at the earliest, never at the next tick', () => {
    vi.useFakeTimers({ now: 0 })
    const heartbeat = new WsHeartbeat(1000)
    vi.advanceTimersByTime(900)
    const late = fakeSocket(true)
    heartbeat.add(late.socket)
    vi.advanceTimersByTime(1100) // ticks at 1000 (joined 100 ms before: skipped) and 2000
    expect(late.events).toEqual(['ping 2000'])
    heartbeat.stop()
  })

  it('terminates a socket that did not answer the previous ping, and keeps one that did', () => {
    vi.useFakeTimers({ now: 0 })
    const heartbeat = new WsHeartbeat(1000)
    const frozen = fakeSocket(false)
    const healthy = fakeSocket(true)
    heartbeat.add(frozen.socket)
    heartbeat.add(healthy.socket)
    vi.advanceTimersByTime(3000)
    expect(frozen.events).toEqual(['ping 1000', 'terminate 2000'])
    expect(healthy.events).toEqual(['ping 1000', 'ping 2000', 'ping 3000'])
    expect(heartbeat.size).toBe(1)
    heartbeat.stop()
  })
})
