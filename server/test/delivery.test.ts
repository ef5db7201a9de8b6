import { describe, expect, it } from 'vitest'
import { appendMany, openSse, openWs, range, seqsOf, startTestServer } from './harness.ts'
import { startPollClient } from './poll-client.ts'

describe('delivery', () => {
  it('delivers the same 100 messages to a client of each transport, in order, exactly once', async () => {
    const { url } = await startTestServer()
    const poll = startPollClient(url, 'poll')
    const longpoll = startPollClient(url, 'longpoll')
    const sse = openSse(`${url}/api/sse?since=0`)
    const ws = openWs(`${url.replace('http', 'ws')}/ws?since=0`)
    await ws.opened
    // Half before some clients have caught up, half while they are live.
    await appendMany(url, 50)
    await appendMany(url, 50, 'lobby', 51)

    await poll.waitForCount(100)
    await longpoll.waitForCount(100)
    await sse.waitFor(() => sse.messages().length >= 100)
    await ws.waitFor(() => ws.messages().length >= 100)

    const expected = range(1, 100)
    for (const messages of [poll.messages, longpoll.messages, sse.messages(), ws.messages()]) {
      expect(seqsOf(messages)).toEqual(expected)
      expect(messages.map((m) => m.text)).toEqual(expected.map((i) => `m${i}`))
    }
    await Promise.all([poll.stop(), longpoll.stop()])
  })

  it('delivers only the messages of the client’s own room', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 3, 'room-a')
    await appendMany(url, 2, 'room-b')
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=room-b&since=0`)
    await ws.waitFor(() => ws.messages().length >= 2)
    expect(ws.messages().map((m) => [m.room, m.seq])).toEqual([
      ['room-b', 1],
      ['room-b', 2],
    ])
  })
})
