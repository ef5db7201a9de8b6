import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { openFollow } from '../feed/follow.ts'
import type { Cursor } from '../feed/index.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { responseHead } from '../http/meter-middleware.ts'
import { queryCursor, queryRoom } from '../http/params.ts'
import { whenClosed } from '../http/when-closed.ts'
import type { Batch, ExchangeEvent, Message } from '../protocol.ts'
import { chunkedBytes } from '../wire/exchange-log.ts'

/**
 * Server-Sent Events: `GET /api/sse` streams the room from the cursor on. Each event's id is
 * `EPOCH:SEQ`, so the browser's automatic reconnect (`Last-Event-ID`) resumes exactly there.
 */
export function sseRoutes({ feed, meter, exchanges, config, live, closing }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/sse', async (c) => {
    const room = queryRoom(c)
    const cursor = lastEventCursor(c.req.header('Last-Event-ID')) ?? queryCursor(c)
    const follow = await openFollow(feed, room, cursor)
    const owner = c.get('meterOwner')
    const exchange = c.get('exchange')
    const log = (event: ExchangeEvent) => {
      if (exchange) exchanges.record(exchange.client, 'sse', event)
    }
    // nginx and similar proxies buffer responses; this header asks them not to.
    c.header('X-Accel-Buffering', 'no')
    const response = streamSSE(c, async (stream) => {
      const closeGauge = live.open('sse_streams')
      // Bytes queued for the client and not yet taken by the socket; past --send-buffer the
      // client is dropped, and resumes by Last-Event-ID.
      let pendingBytes = 0
      let dropped = false
      const dropSlowClient = () => {
        dropped = true
        meter.count(owner, 'slowDrops', 1)
        stream.abort()
        c.env?.incoming?.socket?.destroy()
      }
      let chain: Promise<unknown> = stream
        .write(`retry: ${config.sseRetryMs}\n\n`)
        .then(async () => {
          // The adapter writes the head once it starts reading the stream, a few ticks after the
          // first write resolves (each middleware adds one): the log entry waits for it.
          for (let tick = 0; c.env?.outgoing && !c.env.outgoing.headersSent && tick < 100; tick++) {
            await new Promise((resolve) => setImmediate(resolve))
          }
          const socket = c.env?.incoming?.socket
          const bytes = socket ? meter.exchangeBytes(socket).bytesOut : 0
          const head = c.env?.outgoing ? responseHead(c.env.outgoing) : undefined
          log({
            at: Date.now(),
            kind: 'response',
            id: exchange?.id ?? 0,
            status: 200,
            bytes,
            messages: 0,
            ...(head && { head }),
          })
        })
      /** Queues one block of the stream; a client too slow to take them is dropped. */
      const send = (text: string, event: string, eventId?: string) => {
        if (dropped) return
        const unread = pendingBytes + (c.env?.outgoing?.writableLength ?? 0)
        if (unread > config.sendBufferMaxBytes) return dropSlowClient()
        const bytes = chunkedBytes(text)
        pendingBytes += bytes
        const logged = {
          kind: 'sse-event',
          id: exchange?.id ?? 0,
          event,
          bytes,
          ...(eventId && { eventId }),
        } as const
        chain = chain
          .then(() => stream.write(text))
          .then(() => log({ at: Date.now(), ...logged }))
          .finally(() => {
            pendingBytes -= bytes
          })
      }
      const sendMessage = (message: Message) => {
        meter.count(owner, 'messages', 1)
        const { text, id } = messageEvent(follow.backlog.epoch, message)
        send(text, 'message', id)
      }
      for (const notice of cursorNotices(follow.backlog, cursor)) {
        send(formatEvent(notice.event, notice.id, notice.data), notice.event, notice.id)
      }
      // The backlog goes out as the client takes it (see the WebSocket's): only a client that
      // stops reading is dropped, never one that resumes from far behind.
      const closed = whenClosed(stream, c.req.raw.signal, closing)
      for (const message of follow.backlog.messages) {
        if (pendingBytes > config.sendBufferMaxBytes / 2) {
          const before = pendingBytes
          await Promise.race([chain, closed, stall(STALLED_MS)])
          // Nothing of it taken for that long: a client that stopped reading, not a slow one.
          if (pendingBytes >= before && !stream.closed) dropSlowClient()
        }
        if (dropped || stream.aborted || stream.closed) break
        sendMessage(message)
      }
      follow.start(sendMessage)
      const ping = setInterval(() => send(': ping\n\n', ': ping'), config.sseHeartbeatMs)
      await closed
      clearInterval(ping)
      follow.stop()
      closeGauge()
      await chain.catch(() => {})
    })
    // streamSSE says no-cache; like every other /api answer, a stream is never to be stored.
    response.headers.set('Cache-Control', 'no-store')
    return response
  })
}

/** A client that reads nothing of its backlog for this long has stopped reading: it is dropped. */
const STALLED_MS = 10_000

const stall = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** A message's event block, made once however many streams of its room it goes to. */
const messageEvents = new WeakMap<Message, { text: string; id: string }>()

function messageEvent(epoch: string, message: Message): { text: string; id: string } {
  let event = messageEvents.get(message)
  if (event === undefined) {
    const id = `${epoch}:${message.seq}`
    event = { text: formatEvent('message', id, JSON.stringify(message)), id }
    messageEvents.set(message, event)
  }
  return event
}

/** One event block; `data` is JSON, so it never holds a line break. */
function formatEvent(event: string, id: string, data: string): string {
  return `event: ${event}\nid: ${id}\ndata: ${data}\n\n`
}

/** `reset` / `gap` events, each carrying an id so that a reconnect resumes in the right epoch. */
function cursorNotices(batch: Batch, cursor: Cursor) {
  const firstSeq = batch.messages[0]?.seq ?? batch.head + 1
  const id = `${batch.epoch}:${Math.max(firstSeq - 1, 0)}`
  const data = JSON.stringify({ epoch: batch.epoch, head: batch.head, since: cursor.since })
  const notices: { event: string; id: string; data: string }[] = []
  if (batch.reset) notices.push({ event: 'reset', id, data })
  if (batch.gap) notices.push({ event: 'gap', id, data })
  return notices
}

/** Parses `Last-Event-ID: EPOCH:SEQ`; undefined when the header is absent. */
export function lastEventCursor(header: string | undefined): Cursor | undefined {
  if (header === undefined || header === '') return undefined
  const match = /^([A-Za-z0-9_-]{1,32}):(\d{1,16})$/.exec(header)
  if (!match) {
    throw new ApiError(
      400,
      'bad_request',
      `Last-Event-ID must look like EPOCH:SEQ, as the server sent it (got "${header.slice(0, 40)}")`,
    )
  }
  return { epoch: match[1] as string, since: Number(match[2]) }
}
