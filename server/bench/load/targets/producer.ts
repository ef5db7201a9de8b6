import type { Server } from 'node:http'
import { tickText } from '../../../src/lab/ticker.ts'
import { closeServer, listenOnLoopback, type StartedTarget } from './target.ts'

/** The message every comparison server sends: the same fields as a wirelab tick. */
export interface TickMessage {
  seq: number
  ts: number
  room: string
  kind: 'tick'
  user: 'ticker'
  text: string
}

const STEP_MS = 10

interface Running {
  sent: number
  timer?: NodeJS.Timeout
}

/**
 * The comparison servers' producer, on wirelab's ticker schedule (`src/lab/ticker.ts`): due
 * messages are counted from the elapsed time, checked every 10 ms or every message period
 * (at most 250 ms), so timer jitter does not change the rate and every server is loaded alike.
 */
export class Producers {
  readonly #rooms = new Map<string, Running>()

  constructor(readonly publish: (room: string, message: TickMessage) => void) {}

  set(room: string, rate: number, size: number): void {
    const running = this.#rooms.get(room) ?? { sent: 0 }
    this.#rooms.set(room, running)
    clearInterval(running.timer)
    running.timer = undefined
    if (rate <= 0) return
    const started = Date.now()
    const alreadySent = running.sent
    const text = tickText(size)
    running.timer = setInterval(
      () => {
        const due =
          Math.floor(((Date.now() - started) * rate) / 1000) - (running.sent - alreadySent)
        for (let i = 0; i < due; i++) {
          running.sent++
          const message: TickMessage = {
            seq: running.sent,
            ts: Date.now(),
            room,
            kind: 'tick',
            user: 'ticker',
            text,
          }
          this.publish(room, message)
        }
      },
      Math.max(STEP_MS, Math.min(1000 / rate, 250)),
    )
  }

  produced(room: string): number {
    return this.#rooms.get(room)?.sent ?? 0
  }

  stopAll(): void {
    for (const running of this.#rooms.values()) clearInterval(running.timer)
  }
}

/**
 * A comparison server around its producer: listens on loopback port 0; `close` stops the
 * producer, then `closeClients` (what the server keeps besides its HTTP sockets), then the server.
 */
export async function withProducer(
  server: Server,
  producers: Producers,
  closeClients: () => void | Promise<void> = () => {},
): Promise<StartedTarget> {
  const url = await listenOnLoopback(server)
  return {
    server,
    url,
    setRate: async (room, rate, size) => producers.set(room, rate, size),
    produced: (room) => producers.produced(room),
    async close() {
      producers.stopAll()
      await closeClients()
      await closeServer(server)
    },
  }
}
