import type { Batch, Message } from '../src/protocol.ts'
import { onCleanup, sleep } from './harness.ts'

export interface PollClientOptions {
  room?: string
  client?: string
  since?: number
  epoch?: string
  /** Long-poll hold per request, ms. */
  timeoutMs?: number
  /** Pause between two short polls, ms. */
  intervalMs?: number
}

/**
 * A polling or long-polling client as the web UI runs it: keeps its cursor (seq + epoch) and asks
 * again after each answer. Stops by itself when told to or when the test ends.
 */
export function startPollClient(
  base: string,
  transport: 'poll' | 'longpoll',
  options: PollClientOptions = {},
) {
  const messages: Message[] = []
  const batches: Batch[] = []
  let since = options.since ?? 0
  let epoch = options.epoch
  let running = true
  let inFlight = new AbortController()
  const loop = (async () => {
    while (running) {
      const params = new URLSearchParams({ room: options.room ?? 'lobby', since: String(since) })
      if (epoch) params.set('epoch', epoch)
      if (options.client) params.set('client', options.client)
      if (transport === 'longpoll') params.set('timeout', String(options.timeoutMs ?? 2_000))
      try {
        const response = await fetch(`${base}/api/${transport}?${params}`, {
          signal: inFlight.signal,
        })
        const batch = (await response.json()) as Batch
        batches.push(batch)
        messages.push(...batch.messages)
        epoch = batch.epoch
        since = batch.messages.at(-1)?.seq ?? (batch.reset ? batch.head : since)
        if (transport === 'poll' && batch.messages.length === 0)
          await sleep(options.intervalMs ?? 20)
      } catch {
        if (running) await sleep(20)
      }
    }
  })()
  const stop = async () => {
    running = false
    inFlight.abort()
    await loop
  }
  onCleanup(() => {
    running = false
    inFlight.abort()
  })
  return {
    messages,
    batches,
    cursor: () => ({ since, epoch }),
    stop,
    /** Drops the request in flight, as a lost connection would; the loop goes on with its cursor. */
    drop() {
      inFlight.abort()
      inFlight = new AbortController()
    },
    async waitForCount(count: number, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`${transport}: ${messages.length} of ${count} messages`)
        await sleep(10)
      }
    },
  }
}
