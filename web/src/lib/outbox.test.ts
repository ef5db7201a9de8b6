import { describe, expect, it } from 'vitest'
import { Outbox, type OutboxItem } from './outbox.ts'
import { SendError, type SendRequest } from './send-error.ts'

const request = (text: string): SendRequest => ({
  transport: 'http',
  user: 'ana',
  text,
  clientMsgId: `id-${text}`,
})

/** A sender whose every call waits until the test settles it, as a slow server would. */
function slowServer() {
  const calls: { request: SendRequest; ok(seq: number): void; fail(error: Error): void }[] = []
  const sender = (sent: SendRequest) =>
    new Promise<{ seq: number }>((resolve, reject) => {
      calls.push({ request: sent, ok: (seq) => resolve({ seq }), fail: reject })
    })
  return { calls, sender }
}

/** A server that appends like the real one: the next seq, the same seq for a repeated id. */
function idempotentLog(delayMs = 0) {
  const seqById = new Map<string, number>()
  const texts: string[] = []
  const sender = async (sent: SendRequest) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    let seq = seqById.get(sent.clientMsgId)
    if (seq === undefined) {
      texts.push(sent.text)
      seq = texts.length
      seqById.set(sent.clientMsgId, seq)
    }
    return { seq }
  }
  return { texts, sender }
}

const states = (items: readonly OutboxItem[]) =>
  items.map((item) => `${item.request.text}:${item.state}`)

/** Lets the outbox's awaits run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('Outbox', () => {
  it('sends one message at a time, in the order they were added, however slow the server', async () => {
    const server = slowServer()
    const sent: [string, number][] = []
    const outbox = new Outbox({ sent: (r, seq) => sent.push([r.text, seq]) }, server.sender)
    for (const text of ['a', 'b', 'c']) outbox.add(request(text))
    expect(server.calls.map((call) => call.request.text)).toEqual(['a'])
    expect(states(outbox.items)).toEqual(['a:sending', 'b:queued', 'c:queued'])
    server.calls[0]?.ok(1)
    await settle()
    expect(server.calls.map((call) => call.request.text)).toEqual(['a', 'b'])
    server.calls[1]?.ok(2)
    await settle()
    server.calls[2]?.ok(3)
    await settle()
    expect(sent).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ])
    expect(outbox.items).toEqual([])
  })

  it('sends every one of 20 quick submissions, in order, each once', async () => {
    const log = idempotentLog(3)
    const outbox = new Outbox({}, log.sender)
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i + 1}`)
    for (const text of texts) outbox.add(request(text))
    await expect.poll(() => outbox.items.length).toBe(0)
    expect(log.texts).toEqual(texts)
  })

  it('stops at a failed message and keeps the ones behind it waiting, in order', async () => {
    const server = slowServer()
    const changes: string[][] = []
    const outbox = new Outbox({ changed: (items) => changes.push(states(items)) }, server.sender)
    for (const text of ['a', 'b', 'c']) outbox.add(request(text))
    server.calls[0]?.fail(new SendError('not_open', 'the WebSocket is not open'))
    await settle()
    expect(states(outbox.items)).toEqual(['a:failed', 'b:queued', 'c:queued'])
    expect(outbox.items[0]?.error).toMatchObject({ code: 'not_open' })
    expect(server.calls).toHaveLength(1)
    expect(changes.at(-1)).toEqual(['a:failed', 'b:queued', 'c:queued'])
  })

  it('retries a failed message with the same clientMsgId, then goes on with the rest', async () => {
    const server = slowServer()
    const outbox = new Outbox({}, server.sender)
    outbox.add(request('a'))
    outbox.add(request('b'))
    server.calls[0]?.fail(new SendError('no_ack', 'no ack from the server'))
    await settle()
    outbox.retry('id-a')
    expect(server.calls.map((call) => call.request)).toEqual([request('a'), request('a')])
    server.calls[1]?.ok(1)
    await settle()
    expect(server.calls[2]?.request).toEqual(request('b'))
  })

  it('appends a retried message once when the first try arrived but its answer was lost', async () => {
    const log = idempotentLog()
    let loseTheAnswer = true
    const outbox = new Outbox({}, async (sent) => {
      const answer = await log.sender(sent)
      if (loseTheAnswer) {
        loseTheAnswer = false
        throw new SendError('network', 'Failed to fetch')
      }
      return answer
    })
    outbox.add(request('a'))
    outbox.add(request('b'))
    await expect.poll(() => outbox.items[0]?.state).toBe('failed')
    outbox.retry('id-a')
    await expect.poll(() => outbox.items.length).toBe(0)
    expect(log.texts).toEqual(['a', 'b'])
  })

  it('moves on to the next message when the failed one is discarded', async () => {
    const server = slowServer()
    const outbox = new Outbox({}, server.sender)
    outbox.add(request('a'))
    outbox.add(request('b'))
    server.calls[0]?.fail(new SendError('payload_too_large', 'body too large'))
    await settle()
    outbox.discard('id-a')
    expect(states(outbox.items)).toEqual(['b:sending'])
    expect(server.calls.map((call) => call.request.text)).toEqual(['a', 'b'])
  })

  it('never discards the message in flight, nor retries one that has not failed', async () => {
    const server = slowServer()
    const outbox = new Outbox({}, server.sender)
    outbox.add(request('a'))
    outbox.discard('id-a')
    outbox.retry('id-a')
    expect(states(outbox.items)).toEqual(['a:sending'])
    expect(server.calls).toHaveLength(1)
  })

  it('treats a sender that throws at once like one that rejects', async () => {
    const outbox = new Outbox({}, () => {
      throw new SendError('not_open', 'the WebSocket is not open')
    })
    outbox.add(request('a'))
    await settle()
    expect(states(outbox.items)).toEqual(['a:failed'])
  })

  it('keeps messages added before there is a sender, and sends them once one is set', async () => {
    const log = idempotentLog()
    const outbox = new Outbox()
    outbox.add(request('a'))
    outbox.add(request('b'))
    await settle()
    expect(states(outbox.items)).toEqual(['a:queued', 'b:queued'])
    outbox.sender = log.sender
    await expect.poll(() => outbox.items.length).toBe(0)
    expect(log.texts).toEqual(['a', 'b'])
  })

  it('refuses a clientMsgId that is already waiting, naming it', () => {
    const outbox = new Outbox()
    outbox.add(request('a'))
    expect(() => outbox.add(request('a'))).toThrow('clientMsgId "id-a" is already in the outbox')
  })
})
