import { connect, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../src/server.ts'
import { onCleanup, openWs, startTestServer } from './harness.ts'

// A client that stops reading while the room keeps talking: the server must drop it once it has
// --send-buffer bytes unread (not grow without bound), and the client must then resume from its
// cursor and end up with every message exactly once.

const MESSAGES = 20_000
const TEXT = 'x'.repeat(1_000)

async function fillRoom(server: RunningServer, room: string): Promise<void> {
  for (let i = 0; i < MESSAGES; i++) {
    await server.feed.append(room, { kind: 'chat', user: 'ana', text: TEXT })
  }
}

const everySeq = Array.from({ length: MESSAGES }, (_, i) => i + 1)
const startSlowServer = () =>
  // The whole backlog stays in the log, so that a resume can never meet a gap.
  startTestServer({ retentionPerRoom: 2 * MESSAGES, sendBufferMaxBytes: 1024 * 1024 })

describe('a client that stops reading', () => {
  it('is dropped over WebSocket with 1013 once it leaves 1 MiB unread, and resumes losing nothing', async () => {
    const server = await startSlowServer()
    const base = server.url.replace('http', 'ws')
    const first = openWs(`${base}/ws?room=slow`)
    await first.waitFor(() => first.frames.some((frame) => frame.type === 'hello'))
    ;(first.ws as unknown as { _socket: Duplex })._socket.pause()
    await fillRoom(server, 'slow')
    await expect
      .poll(() => server.meter.snapshot().transports.ws.slowDrops, { timeout: 10_000 })
      .toBe(1)
    ;(first.ws as unknown as { _socket: Duplex })._socket.resume()
    const { code, reason } = await first.closed
    expect({ code, reason }).toEqual({ code: 1013, reason: 'too slow: send buffer full' })
    const received = first.messages()
    expect(received.length).toBeLessThan(MESSAGES)
    const last = received.at(-1)?.seq ?? 0
    const hello = first.frames.find((frame) => frame.type === 'hello')
    const epoch = hello?.type === 'hello' ? hello.epoch : ''
    const second = openWs(`${base}/ws?room=slow&since=${last}&epoch=${epoch}`)
    await second.waitFor(() => second.messages().at(-1)?.seq === MESSAGES, 30_000)
    const seqs = [...received, ...second.messages()].map((message) => message.seq)
    expect(seqs).toEqual(everySeq)
  }, 90_000)

  it('is dropped over WebSocket when it stops reading in the middle of its backlog', async () => {
    const server = await startSlowServer()
    await fillRoom(server, 'backlog')
    const client = openWs(`${server.url.replace('http', 'ws')}/ws?room=backlog&since=0`)
    await client.waitFor(() => client.frames.some((frame) => frame.type === 'hello'))
    ;(client.ws as unknown as { _socket: Duplex })._socket.pause()
    // Ten seconds without reading a byte of the backlog: the server gives up on it.
    await expect
      .poll(() => server.meter.snapshot().transports.ws.slowDrops, { timeout: 20_000 })
      .toBe(1)
    ;(client.ws as unknown as { _socket: Duplex })._socket.resume()
    expect((await client.closed).code).toBe(1013)
  }, 60_000)

  it('is dropped over SSE when it stops reading in the middle of its backlog', async () => {
    const server = await startSlowServer()
    await fillRoom(server, 'backlog')
    const client = await openRawSse(server.port, '/api/sse?room=backlog&since=0')
    client.socket.pause()
    await expect
      .poll(() => server.meter.snapshot().transports.sse.slowDrops, { timeout: 20_000 })
      .toBe(1)
    client.socket.resume()
    await client.ended
  }, 60_000)

  it('is dropped over SSE once it leaves 1 MiB unread, and resumes by Last-Event-ID losing nothing', async () => {
    const server = await startSlowServer()
    const first = await openRawSse(server.port, '/api/sse?room=slow')
    first.socket.pause()
    await fillRoom(server, 'slow')
    await expect
      .poll(() => server.meter.snapshot().transports.sse.slowDrops, { timeout: 10_000 })
      .toBe(1)
    first.socket.resume()
    await first.ended
    const received = first.events()
    expect(received.length).toBeLessThan(MESSAGES)
    const lastId = received.at(-1)?.id ?? ''
    const second = await openRawSse(server.port, '/api/sse?room=slow', lastId)
    await expect
      .poll(() => second.events().at(-1)?.seq, { timeout: 30_000, interval: 500 })
      .toBe(MESSAGES)
    const seqs = [...received, ...second.events()].map((event) => event.seq)
    expect(seqs).toEqual(everySeq)
    expect(await metric(server.url, 'wirelab_slow_consumer_drops_total{transport="sse"}')).toBe(1)
  }, 90_000)
})

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `))
  return Number(line?.split(' ')[1])
}

/**
 * An SSE client on a raw socket (so the test decides when it reads): the complete `message`
 * events it received, with their id `EPOCH:SEQ`, decoded from the chunked body.
 */
async function openRawSse(port: number, target: string, lastEventId?: string) {
  const socket: Socket = connect(port, '127.0.0.1')
  onCleanup(() => socket.destroy())
  socket.on('error', () => {})
  const head = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Accept: text/event-stream']
  if (lastEventId) head.push(`Last-Event-ID: ${lastEventId}`)
  socket.write(`${head.join('\r\n')}\r\n\r\n`)
  // Read as it comes (a 20 MB backlog must not be re-read on every look).
  const received: { id: string; seq: number }[] = []
  const body = chunkedBody((text) => {
    for (const [, epoch, seq] of text.matchAll(/^event: message\nid: (\S+):(\d+)\ndata: .*\n\n/gm))
      received.push({ id: `${epoch}:${seq}`, seq: Number(seq) })
  })
  let responseHead = ''
  socket.on('data', (chunk: Buffer) => {
    if (responseHead.endsWith('\r\n\r\n')) return body(chunk)
    responseHead += chunk.toString('latin1')
    const end = responseHead.indexOf('\r\n\r\n')
    if (end < 0) return
    body(Buffer.from(responseHead.slice(end + 4), 'latin1'))
    responseHead = responseHead.slice(0, end + 4)
  })
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise((resolve) => socket.once('data', resolve))
  const events = () => received
  return { socket, ended, events }
}

/**
 * Decodes a chunked body fed piece by piece; `onEvents` gets the text of each run of complete SSE
 * blocks (up to a blank line) as soon as it is whole.
 */
function chunkedBody(onEvents: (text: string) => void): (bytes: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0)
  let text = ''
  return (bytes) => {
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes])
    let at = 0
    for (;;) {
      const lineEnd = pending.indexOf('\r\n', at)
      if (lineEnd < 0) break
      const size = Number.parseInt(pending.toString('latin1', at, lineEnd), 16)
      if (!Number.isFinite(size) || size === 0 || lineEnd + 4 + size > pending.length) break
      text += pending.toString('utf8', lineEnd + 2, lineEnd + 2 + size)
      at = lineEnd + 2 + size + 2
    }
    pending = pending.subarray(at)
    const whole = text.lastIndexOf('\n\n')
    if (whole < 0) return
    onEvents(text.slice(0, whole + 2))
    text = text.slice(whole + 2)
  }
}
