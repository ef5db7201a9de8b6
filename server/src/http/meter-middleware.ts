import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { MiddlewareHandler } from 'hono'
import { type ExchangeEvent, TRANSPORTS, type Transport } from '../protocol.ts'
import { categoryOf } from '../wire/classify.ts'
import { type ExchangeLogs, hideToken, requestHead } from '../wire/exchange-log.ts'
import type { MeterOwner, WireMeter } from '../wire/meter.ts'
import type { AppEnv } from './app-env.ts'
import { queryClient } from './params.ts'

const isTransport = (category: string): category is Transport =>
  (TRANSPORTS as readonly string[]).includes(category)

/**
 * Gives each request's socket to the meter under the right category and client, and logs the
 * exchanges of a client's transports. Requests served without a socket (app.request in tests)
 * still get an owner, so handlers can count messages.
 */
export function meterRequests(
  meter: WireMeter,
  exchanges: ExchangeLogs,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const category = categoryOf(c.req.method, c.req.path)
    let owner: MeterOwner = { category }
    let badClient: unknown
    try {
      owner = { category, client: queryClient(c) }
    } catch (error) {
      badClient = error
    }
    c.set('meterOwner', owner)
    const incoming = c.env?.incoming
    const outgoing = c.env?.outgoing
    const socket = incoming?.socket
    if (!incoming || !socket) {
      if (badClient) throw badClient
      return next()
    }
    // Socket.IO's polling requests are plain HTTP; its upgrade comes without a response object.
    meter.claim(socket, owner, category === 'ws' || (category === 'socketio' && !outgoing))
    const { client } = owner
    const logged = client !== undefined && isTransport(category)
    const id = exchanges.newId()
    // Built only for a client whose exchanges are logged: most requests are not.
    const request = logged
      ? {
          at: Date.now(),
          kind: 'request' as const,
          id,
          conn: meter.connectionOf(socket),
          method: incoming.method ?? c.req.method,
          target: hideToken(incoming.url ?? c.req.path),
          bytes: meter.exchangeBytes(socket).bytesIn,
          head: requestHead(incoming),
        }
      : undefined
    if (logged && request) {
      exchanges.record(client, category, request)
      c.set('exchange', { id, client, transport: category })
    }
    const answer = { delivered: 0 }
    const log = logged && request ? { client, transport: category, request } : undefined
    if (outgoing) settleWhenDone(meter, exchanges, socket, outgoing, log, answer)
    if (badClient) throw badClient
    await next()
    answer.delivered = c.get('delivered') ?? 0
  }
}

/**
 * When the response ends, the socket's bytes go to the exchange and the log gets its answer.
 * Apart from the middleware, so that its listeners hold nothing of the request's context: a stream
 * keeps them for as long as it is open.
 */
function settleWhenDone(
  meter: WireMeter,
  exchanges: ExchangeLogs,
  socket: Socket,
  outgoing: ServerResponse,
  log: LoggedRequest | undefined,
  answer: { delivered: number },
): void {
  outgoing.once('finish', () => {
    const bytes = meter.release(socket)
    if (!log) return
    const { client, transport, request } = log
    request.bytes = bytes.bytesIn
    const { id } = request
    if (transport === 'sse') {
      exchanges.record(client, transport, { at: Date.now(), kind: 'closed', id, by: 'server' })
      return
    }
    exchanges.record(client, transport, {
      at: Date.now(),
      kind: 'response',
      id,
      status: outgoing.statusCode,
      bytes: bytes.bytesOut,
      messages: answer.delivered,
      head: responseHead(outgoing),
    })
  })
  outgoing.on('close', () => {
    if (!log || outgoing.writableFinished) return
    const by = meter.wasKilled(socket) ? 'server' : 'client'
    exchanges.record(log.client, log.transport, {
      at: Date.now(),
      kind: 'closed',
      id: log.request.id,
      by,
    })
  })
}

interface LoggedRequest {
  client: string
  transport: Transport
  request: Extract<ExchangeEvent, { kind: 'request' }>
}

/** The response head exactly as Node wrote it (status line and headers). */
export function responseHead(response: object): string | undefined {
  // Node keeps the head it wrote in `_header`; there is no public way to read the raw bytes.
  const head = (response as { _header?: unknown })._header
  if (typeof head !== 'string') return undefined
  // A cookie the server sets is a secret too: starred, its length kept.
  return head.replace(
    /^(set-cookie: )(.*)$/gim,
    (_, name: string, value: string) => name + '*'.repeat(value.length),
  )
}
