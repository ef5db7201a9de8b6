import { zeroStats } from '../../../server/src/wire/counters.ts'
import type { WebSocketWireCounters, WireCounters, WireStats } from './wire-stats.ts'

/** Test data: one transport's counters, zero but for what a test sets. */
export const counters = (over: Partial<WireCounters> = {}): WireCounters => ({
  ...zeroStats(),
  ...over,
})

/** Test data: a meter snapshot, every counter zero but for what a test sets. */
export function wireStats(
  over: {
    [T in keyof WireStats['transports']]?: Partial<WireStats['transports'][T]>
  } = {},
): WireStats {
  const socketCounters = (more?: Partial<WebSocketWireCounters>): WebSocketWireCounters => ({
    ...counters(),
    handshakeBytesIn: 0,
    handshakeBytesOut: 0,
    framesIn: 0,
    framesOut: 0,
    ...more,
  })
  return {
    since: 0,
    transports: {
      poll: counters(over.poll),
      longpoll: counters(over.longpoll),
      sse: counters(over.sse),
      ws: socketCounters(over.ws),
      socketio: socketCounters(over.socketio),
      send: counters(over.send),
      control: counters(over.control),
    },
  }
}
