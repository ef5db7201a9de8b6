import { type Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { readJsonBody } from '../http/body.ts'
import { ApiError } from '../http/errors.ts'
import { intParam, param, queryClient, queryRoom } from '../http/params.ts'
import { whenClosed } from '../http/when-closed.ts'
import { authorizeRoomChange } from '../lab/room-control.ts'
import { DEFAULT_TICK_SIZE } from '../lab/ticker.ts'
import { type KillResult, killBodySchema, TRANSPORTS, tickerBodySchema } from '../protocol.ts'
import { SERVER_INFO } from '../version.ts'

const intervalParam = intParam(100, 10_000)
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
 * a client's connections, the exchange log, and the page's own channel (meter, room settings and
 * network conditions).
 */
export function labRoutes(deps: Deps): Hono<AppEnv> {
  const { meter, exchanges, tickers, network, activity, live, closing, classroom } = deps
  return new Hono<AppEnv>()
    .post('/api/lab/ticker', async (c) => {
      const body = await readJsonBody(c, tickerBodySchema)
      authorizeRoomChange(c, deps.config, { kind: 'ticker', rate: body.rate })
      const room = body.room ?? queryRoom(c)
      const size = body.size ?? tickers.get(room).size ?? DEFAULT_TICK_SIZE
      return c.json(tickers.set(room, body.rate, size, body.paused ?? false))
    })
    .get('/api/lab/ticker', (c) => c.json({ tickers: tickers.list() }))
    .post('/api/lab/kill', async (c) => {
      const { client, transport } = await readJsonBody(c, killBodySchema)
      // A page drops its own connections only: the caller names itself in ?client=, and a page's
      // id is unguessable (its meter and exchange log take the same id).
      if (queryClient(c) !== client) {
        throw new ApiError(
          403,
          'forbidden',
          `a page may drop only its own connections: call with ?client=${client} from that page`,
        )
      }
      const logN = exchanges.lastN
      // Stamped before the sockets go: a page measures its reconnection from this moment, and on
      // a loaded machine the process can be paused between two lines.
      const at = Date.now()
      const connections = meter.kill(client, transport)
      const result: KillResult = {
        client,
        transport,
        killed: connections.length,
        connections,
        logN,
        at,
      }
      return c.json(result)
    })
    .get('/api/lab/exchanges', (c) => {
      const client = requireClient(c)
      const transport = param(c, 'transport', transportParam, 'ws')
      const after = param(c, 'after', afterParam, 0)
      return c.json(exchanges.read(client, transport, after))
    })
    .get('/api/lab/stats', (c) => {
      const client = requireClient(c)
      const intervalMs = param(c, 'interval', intervalParam, 500)
      const room = c.req.query('room') === undefined ? undefined : queryRoom(c)
      c.header('X-Accel-Buffering', 'no')
      return streamSSE(c, async (stream) => {
        const closeStream = live.open('stats_streams')
        const send = (event: string, data: unknown) =>
          stream.writeSSE({ event, data: JSON.stringify(data) })
        const push = () => send('stats', { ...meter.snapshot(client), now: Date.now() })
        const { instance } = deps.config
        await send('hello', { server: { ...SERVER_INFO, ...(instance && { instance }) } })
        let stopWatching = () => {}
        let stopListening = () => {}
        if (room !== undefined) {
          stopWatching = activity.watch(room)
          await send('room', tickers.settings(room))
          await send('network', network.get(room))
          const stopTicker = tickers.onChange((settings) => {
            if (settings.room === room) void send('room', settings)
          })
          const stopNetwork = network.onChange((conditions) => {
            if (conditions.room === room) void send('network', conditions)
          })
          const member = c.get('member')
          const student = member?.role === 'student' ? member.student : undefined
          const sendClass = () => classroom && send('class', classroom.state(student))
          await sendClass()
          const stopClass = classroom?.onChange(() => void sendClass()) ?? (() => {})
          stopListening = () => {
            stopTicker()
            stopNetwork()
            stopClass()
          }
        }
        await push()
        const timer = setInterval(push, intervalMs)
        const closeTimer = live.open('stats_timers')
        await whenClosed(stream, c.req.raw.signal, closing)
        clearInterval(timer)
        closeTimer()
        stopListening()
        stopWatching()
        closeStream()
      })
    })
}
