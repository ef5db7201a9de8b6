import { Redis } from 'ioredis'
import type { Broker } from './fanout.ts'

/**
 * A Broker over Redis pub/sub. Two connections, because a connection in subscriber mode can
 * only (un)subscribe and ping: it cannot PUBLISH.
 */
export class RedisBroker implements Broker {
  #publisher: Redis
  #subscriber: Redis
  #handlers = new Map<string, ((data: string) => void)[]>()

  constructor(port: number, host = '127.0.0.1') {
    this.#publisher = new Redis({ port, host, maxRetriesPerRequest: 1 })
    // No ready check (an INFO) on the subscriber: ioredis writes a SUBSCRIBE made while it
    // connects before that check, and the INFO is then refused in subscriber mode.
    this.#subscriber = this.#publisher.duplicate({ enableReadyCheck: false })
    this.#subscriber.on('message', (channel: string, data: string) => {
      for (const handler of this.#handlers.get(channel) ?? []) handler(data)
    })
  }

  async publish(channel: string, data: string): Promise<void> {
    await this.#publisher.publish(channel, data)
  }

  async subscribe(channel: string, onMessage: (data: string) => void): Promise<void> {
    const handlers = this.#handlers.get(channel)
    if (handlers) {
      handlers.push(onMessage)
      return
    }
    this.#handlers.set(channel, [onMessage])
    // Resolves when Redis has confirmed the SUBSCRIBE: from then on nothing published is missed.
    await this.#subscriber.subscribe(channel)
  }

  async close(): Promise<void> {
    await Promise.all([this.#publisher.quit(), this.#subscriber.quit()])
  }
}
