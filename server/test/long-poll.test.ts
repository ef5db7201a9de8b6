import { describe, expect, it } from 'vitest'
import type { Batch } from '../src/protocol.ts'
import { appendMany, eventually, getBatch, post, seqsOf, startTestServer } from './harness.ts'

describe('long polling', () => {
  it('answers at once when there is a backlog', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 3)
    const batch = await getBatch(`${url}/api/longpoll?since=1&timeout=60000`)
    expect(seqsOf(batch.messages)).toEqual([2, 3])
  })

  it('holds the request and answers as soon as a message is appended', async () => {
    const { url, feed } = await startTestServer()
    const pending = getBatch(`${url}/api/longpoll?since=0&timeout=60000`)
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(1))
    await post(url, { user: 'ana', text: 'acorda' })
    const batch = await pending
    expect(batch.messages.map((m) => m.text)).toEqual(['acorda'])
  })

  it('releases every waiter of the room on one append', async () => {
    const { url, feed } = await startTestServer()
    const waiters = Array.from({ length: 5 }, () =>
      getBatch(`${url}/api/longpoll?since=0&timeout=60000`),
    )
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(5))
    await post(url, { user: 'ana', text: 'todos' })
    for (const batch of await Promise.all(waiters)) expect(seqsOf(batch.messages)).toEqual([1])
  })

  it('answers an empty batch at the timeout', async () => {
    const { url } = await startTestServer()
    const started = Date.now()
    const batch: Batch = await getBatch(`${url}/api/longpoll?since=0&timeout=150`)
    expect(batch.messages).toEqual([])
    expect(batch.head).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('leaves no listener behind after 100 aborted long polls', async () => {
    const { url, feed } = await startTestServer()
    const controllers = Array.from({ length: 100 }, () => new AbortController())
    const requests = controllers.map((controller) =>
      fetch(`${url}/api/longpoll?since=0&timeout=60000`, { signal: controller.signal }).catch(
        () => undefined,
      ),
    )
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(100))
    for (const controller of controllers) controller.abort()
    await Promise.all(requests)
    await eventually(() => expect(feed.listenerCount('lobby')).toBe(0))
    // And the room still works for the next client.
    await post(url, { user: 'ana', text: 'depois' })
    expect(seqsOf((await getBatch(`${url}/api/longpoll?since=0`)).messages)).toEqual([1])
  })

  it('counts an answer with no message as an empty response', async () => {
    const { url } = await startTestServer()
    await getBatch(`${url}/api/longpoll?since=0&timeout=10&client=lp`)
    const stats = (await (await fetch(`${url}/api/stats?client=lp`)).json()) as {
      transports: { longpoll: { requests: number; emptyResponses: number; messages: number } }
    }
    expect(stats.transports.longpoll).toMatchObject({ requests: 1, emptyResponses: 1, messages: 0 })
  })
})
