import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Hono } from 'hono'
import { type Follow, openFollow } from '../feed/follow.ts'
import type { Cursor } from '../feed/index.ts'
import type { AppEnv, Deps, ExchangeContext } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { responseHead } from '../http/meter-middleware.ts'
import { queryCursor, queryRoom } from '../http/params.ts'
import type { Batch, ExchangeEvent, Message } from '../protocol.ts'
import { chunkedBytes } from '../wire/exchange-log.ts'
import type { MeterOwner } from '../wire/meter.ts'

/**
 * Server-Sent Events: `GET /api/sse` streams the room from the cursor on. Each event's id is
 * `EPOCH:SEQ`, so the browser's automatic reconnect (`Last-Event-ID`) resumes exactly there.
 *
 * Events are written straight to Node's response (each write one chunk of the chunked body), not
 * through a web stream: one call per event, and the response's own buffer is the backlog to watch.
 */
export function sseRoutes(deps: Deps): Hono<AppEnv> {
  const { feed, meter, config } = deps
  return new Hono<AppEnv>().get('/api/sse', async (c) => {
    const room = queryRoom(c)
    const cursor = lastEventCursor(c.req.header('Last-Event-ID')) ?? queryCursor(c)
    const outgoing = c.env?.outgoing
    if (!outgoing) throw new Error('an SSE stream needs the Node HTTP server')
    const follow = await openFollow(feed, room, cursor)
    // The client left (or the server began to close) while the store answered.
    if (outgoing.destroyed || c.env?.incoming?.destroyed || deps.closing.aborted) {
      follow.stop()
      return RESPONSE_ALREADY_SENT
    }
    const stream = new EventStream(deps, outgoing, follow, c.get('meterOwner'), c.get('exchange'))
    // With what middleware set (c.body builds a Response without making it the context's).
    outgoing.writeHead(200, Object.fromEntries(c.body(null, 200, STREAM_HEADERS).headers))
    outgoing.write(`retry: ${config.sseRetryMs}\n\n`)
    // EventSource cannot read headers: the instance serving the stream says its name in an event.
    if (config.instance !== undefined) {
      outgoing.write(`event: hello\ndata: ${JSON.stringify({ instance: config.instance })}\n\n`)
    }
    const head = responseHead(outgoing)
    const socket = c.env?.incoming?.socket
    const bytes = socket ? meter.exchangeBytes(socket).bytesOut : 0
    const id = c.get('exchange')?.id ?? 0
    stream.log({
      at: Date.now(),
      kind: 'response',
      id,
      status: 200,
      bytes,
      messages: 0,
      ...(head && { head }),
    })
    await stream.run(cursor)
    return RESPONSE_ALREADY_SENT
  })
}

/**
 * One open stream. A class rather than closures: tsx keeps function names (esbuild's keepNames),
 * which gives every named closure its own property dictionary, a cost paid per stream.
 */
class EventStream {
  /** Past --send-buffer bytes left unread the client is cut; it resumes by Last-Event-ID. */
  #dropped = false
  #closed = false
  readonly #whenClosed: Promise<void>
  #settle = nothing
  readonly #onClose: () => void
  readonly #closeGauge: () => void
  #ping: NodeJS.Timeout | undefined

  constructor(
    readonly deps: Deps,
    readonly outgoing: ServerResponse,
    readonly follow: Follow,
    readonly owner: MeterOwner,
    readonly exchange: ExchangeContext | undefined,
  ) {
    this.#closeGauge = deps.live.open('sse_streams')
    this.#whenClosed = new Promise<void>((resolve) => {
      this.#settle = resolve
    })
    // The client left, or the server is shutting down.
    this.#onClose = this.#end.bind(this)
    outgoing.on('close', this.#onClose)
    if (deps.closing.aborted) queueMicrotask(this.#onClose)
    else deps.closing.addEventListener('abort', this.#onClose)
  }

  log(event: ExchangeEvent): void {
    if (this.exchange) this.deps.exchanges.record(this.exchange.client, 'sse', event)
  }

  /** The cursor's notices, the backlog as the client takes it, then live messages and pings. */
  async run(cursor: Cursor): Promise<void> {
    const { outgoing, follow } = this
    const { config } = this.deps
    for (const notice of cursorNotices(follow.backlog, cursor)) {
      this.#send(formatEvent(notice.event, notice.id, notice.data), notice.event, notice.id)
    }
    // The backlog goes out as the client takes it (see the WebSocket's): only a client that
    // stops reading is dropped, never one that resumes from far behind.
    for (const message of follow.backlog.messages) {
      const unread = outgoing.writableLength
      if (unread > config.sendBufferMaxBytes / 2) {
        await drainOrStall(outgoing, this.#whenClosed, STALLED_MS)
        // Nothing of it taken for that long: a client that stopped reading, not a slow one.
        if (!this.#closed && outgoing.writableLength >= unread) this.#dropSlowClient()
      }
      if (this.#dropped || this.#closed) return
      this.#sendMessage(message)
    }
    // A break ends the stream; the browser comes back with Last-Event-ID and reads reset or gap.
    follow.start(
      (message) => this.#sendMessage(message),
      () => this.#end(),
    )
    this.#ping = setInterval(() => this.#send(': ping\n\n', ': ping'), config.sseHeartbeatMs)
  }

  #dropSlowClient(): void {
    this.#dropped = true
    this.deps.meter.count(this.owner, 'slowDrops', 1)
    this.outgoing.destroy()
  }

  /** Writes one block of the stream (one chunk on the wire), logged once it has left. */
  #send(text: string, event: string, eventId?: string): void {
    const { outgoing } = this
    if (this.#dropped || outgoing.destroyed) return
    if (outgoing.writableLength > this.deps.config.sendBufferMaxBytes) {
      this.#dropSlowClient()
      return
    }
    if (!this.exchange) {
      outgoing.write(text)
      return
    }
    const logged = {
      kind: 'sse-event',
      id: this.exchange.id,
      event,
      bytes: chunkedBytes(text),
    } as const
    outgoing.write(text, () => this.log({ at: Date.now(), ...logged, ...(eventId && { eventId }) }))
  }

  #sendMessage(message: Message): void {
    this.deps.meter.count(this.owner, 'messages', 1)
    const { text, id } = messageEvent(this.follow.backlog.epoch, message)
    this.#send(text, 'message', id)
  }

  #end(): void {
    if (this.#closed) return
    this.#closed = true
    this.outgoing.off('close', this.#onClose)
    this.deps.closing.removeEventListener('abort', this.#onClose)
    clearInterval(this.#ping)
    this.follow.stop()
    this.#closeGauge()
    this.#settle()
    // Shutting down: the stream ends cleanly (the client left already otherwise).
    if (!this.outgoing.destroyed) this.outgoing.end()
  }
}

const nothing = () => {}

/** streamSSE's head, except that like every other /api answer a stream is never to be stored. */
const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-store',
  Connection: 'keep-alive',
  'Transfer-Encoding': 'chunked',
  // nginx and similar proxies buffer responses; this header asks them not to.
  'X-Accel-Buffering': 'no',
}

/** A client that reads nothing of its backlog for this long has stopped reading: it is dropped. */
const STALLED_MS = 10_000

/** Resolves when the response's buffer drains, the stream closes, or `ms` pass: whichever is first. */
async function drainOrStall(outgoing: ServerResponse, closed: Promise<void>, ms: number) {
  const giveUp = new AbortController()
  const timer = setTimeout(() => giveUp.abort(), ms)
  try {
    await Promise.race([once(outgoing, 'drain', { signal: giveUp.signal }), closed])
  } catch {
    // Gave up waiting: the caller looks at what the client took meanwhile.
  } finally {
    clearTimeout(timer)
    giveUp.abort()
  }
}

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
