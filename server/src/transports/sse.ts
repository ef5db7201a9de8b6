import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { openFollow } from '../feed/follow.ts'
import type { Cursor } from '../feed/index.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { queryCursor, queryRoom } from '../http/params.ts'
import { whenClosed } from '../http/when-closed.ts'
import type { Batch, Message } from '../protocol.ts'

/** Writes waiting for a slow client before the server drops it (it resumes by Last-Event-ID). */
const MAX_PENDING_WRITES = 5_000

/**
 * Server-Sent Events: `GET /api/sse` streams the room from the cursor on. Each event's id is
 * `EPOCH:SEQ`, so the browser's automatic reconnect (`Last-Event-ID`) resumes exactly there.
 */
export function sseRoutes({ feed, meter, config, closing }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/sse', async (c) => {
    const room = queryRoom(c)
    const cursor = lastEventCursor(c.req.header('Last-Event-ID')) ?? queryCursor(c)
    const follow = await openFollow(feed, room, cursor)
    const owner = c.get('meterOwner')
    // nginx and similar proxies buffer responses; this header asks them not to.
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, async (stream) => {
      let pending = 0
      let chain: Promise<unknown> = stream.write(`retry: ${config.sseRetryMs}\n\n`)
      const enqueue = (write: () => Promise<unknown>) => {
        if (++pending > MAX_PENDING_WRITES) return void stream.abort()
        chain = chain.then(write).finally(() => pending--)
      }
      const sendMessage = (message: Message) => {
        meter.count(owner, 'messages', 1)
        enqueue(() =>
          stream.writeSSE({
            id: `${follow.backlog.epoch}:${message.seq}`,
            event: 'message',
            data: JSON.stringify(message),
          }),
        )
      }
      for (const notice of cursorNotices(follow.backlog, cursor))
        enqueue(() => stream.writeSSE(notice))
      for (const message of follow.backlog.messages) sendMessage(message)
      follow.start(sendMessage)
      const ping = setInterval(
        () => enqueue(() => stream.write(': ping\n\n')),
        config.sseHeartbeatMs,
      )
      await whenClosed(stream, c.req.raw.signal, closing)
      clearInterval(ping)
      follow.stop()
      await chain.catch(() => {})
    })
  })
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
