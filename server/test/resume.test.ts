import { describe, expect, it } from 'vitest'
import type { Message } from '../src/protocol.ts'
import { appendMany, openSse, openWs, range, seqsOf, startTestServer } from './harness.ts'
import { startPollClient } from './poll-client.ts'

const TOTAL = 60
const DROP_AFTER = 20

/** Appends TOTAL messages in the background while the test drops and resumes a client. */
async function appendingInBackground(url: string) {
  return appendMany(url, TOTAL)
}

describe('resume after a dropped connection', () => {
  for (const transport of ['poll', 'longpoll'] as const) {
    it(`${transport}: a new client from the old cursor gets the rest, nothing lost or repeated`, async () => {
      const { url } = await startTestServer()
      const appending = appendingInBackground(url)
      const first = startPollClient(url, transport)
      await first.waitForCount(DROP_AFTER)
      await first.stop()
      const { since, epoch } = first.cursor()
      const second = startPollClient(url, transport, { since, epoch })
      await appending
      await second.waitForCount(TOTAL - first.messages.length)
      await second.stop()
      expect(seqsOf([...first.messages, ...second.messages])).toEqual(range(1, TOTAL))
    })
  }

  it('longpoll: a request dropped in flight loses nothing', async () => {
    const { url } = await startTestServer()
    const client = startPollClient(url, 'longpoll', { timeoutMs: 5_000 })
    const appending = appendingInBackground(url)
    await client.waitForCount(DROP_AFTER)
    client.drop()
    await appending
    await client.waitForCount(TOTAL)
    await client.stop()
    expect(seqsOf(client.messages)).toEqual(range(1, TOTAL))
  })

  it('sse: the reconnect with Last-Event-ID resumes right after the last event', async () => {
    const { url } = await startTestServer()
    const appending = appendingInBackground(url)
    const first = openSse(`${url}/api/sse?since=0`)
    await first.waitFor(() => first.messages().length >= DROP_AFTER)
    first.close()
    await first.done
    const lastEventId = first.events.at(-1)?.id as string
    expect(lastEventId).toMatch(/^[\w-]+:\d+$/)
    // As a browser does: same URL as the first time, plus the Last-Event-ID header.
    const second = openSse(`${url}/api/sse?since=0`, { 'Last-Event-ID': lastEventId })
    await appending
    const got = first.messages().length
    await second.waitFor(() => got + second.messages().length >= TOTAL)
    expect(seqsOf([...first.messages(), ...second.messages()])).toEqual(range(1, TOTAL))
  })

  it('sse: a cursor in the query (since + epoch) resumes as well', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 10)
    const first = openSse(`${url}/api/sse?since=0`)
    await first.waitFor(() => first.messages().length >= 10)
    first.close()
    const epoch = (first.events.at(-1)?.id ?? '').split(':')[0]
    await appendMany(url, 5, 'lobby', 11)
    const second = openSse(`${url}/api/sse?since=10&epoch=${epoch}`)
    await second.waitFor(() => second.messages().length >= 5)
    expect(seqsOf(second.messages())).toEqual(range(11, 15))
  })

  it('ws: reconnecting with since + epoch gets the rest, nothing lost or repeated', async () => {
    const { url } = await startTestServer()
    const wsUrl = `${url.replace('http', 'ws')}/ws`
    const appending = appendingInBackground(url)
    const first = openWs(`${wsUrl}?since=0`)
    await first.waitFor(() => first.messages().length >= DROP_AFTER)
    first.ws.terminate()
    await first.closed
    const seen: Message[] = first.messages()
    const hello = first.frames[0]
    if (hello?.type !== 'hello') throw new Error('the first frame must be hello')
    const since = seen.at(-1)?.seq as number
    const second = openWs(`${wsUrl}?since=${since}&epoch=${hello.epoch}`)
    await appending
    await second.waitFor(() => seen.length + second.messages().length >= TOTAL)
    expect(seqsOf([...seen, ...second.messages()])).toEqual(range(1, TOTAL))
  })
})
