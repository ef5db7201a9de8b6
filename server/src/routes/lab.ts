import { type Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { readJsonBody } from '../http/body.ts'
import { ApiError } from '../http/errors.ts'
import { intParam, param, queryClient, queryRoom } from '../http/params.ts'
import { whenClosed } from '../http/when-closed.ts'
import { type ExchangeLog, killBodySchema, TRANSPORTS, tickerBodySchema } from '../protocol.ts'

const intervalParam = intParam(100, 10_000)
const DEFAULT_TICK_SIZE = 20
const afterParam = intParam(0, Number.MAX_SAFE_INTEGER)
const transportParam = z.enum(TRANSPORTS, { error: `must be one of ${TRANSPORTS.join(', ')}` })

function requireClient(c: Context<AppEnv>): string {
  const client = queryClient(c)
  if (client === undefined)
    throw new ApiError(400, 'bad_request', 'client is required (your page id)')
  return client
}

/**
 * The lab's controls, all counted as `control` by the meter: the ticker (load generator), dropping
 * a client's connections, and the client's own meter streamed over SSE.
 */
export function labRoutes({ meter, exchanges, tickers, closing }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/lab/ticker', async (c) => {
      const body = await readJsonBody(c, tickerBodySchema)
      const room = body.room ?? queryRoom(c)
      return c.json(tickers.set(room, body.rate, body.size ?? DEFAULT_TICK_SIZE))
    })
    .get('/api/lab/ticker', (c) => c.json({ tickers: tickers.list() }))
    .post('/api/lab/kill', async (c) => {
      const { client, transport } = await readJsonBody(c, killBodySchema)
      return c.json({ client, transport, killed: meter.kill(client, transport) })
    })
    .get('/api/lab/exchanges', (c) => {
      const client = requireClient(c)
      const transport = param(c, 'transport', transportParam, 'ws')
      const after = param(c, 'after', afterParam, 0)
      const log: ExchangeLog = {
        client,
        transport,
        events: exchanges.read(client, transport, after),
      }
      return c.json(log)
    })
    .get('/api/lab/stats', (c) => {
      const client = queryClient(c)
      if (client === undefined)
        throw new ApiError(400, 'bad_request', 'client is required (your page id)')
      const intervalMs = param(c, 'interval', intervalParam, 500)
      c.header('X-Accel-Buffering', 'no')
      return streamSSE(c, async (stream) => {
        const push = () =>
          stream.writeSSE({
            event: 'stats',
            data: JSON.stringify({ ...meter.snapshot(client), now: Date.now() }),
          })
        await push()
        const timer = setInterval(push, intervalMs)
        await whenClosed(stream, c.req.raw.signal, closing)
        clearInterval(timer)
      })
    })
}
