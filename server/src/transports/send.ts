import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { checkClassSend, senderKey } from '../class/send-rules.ts'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { readJsonBody } from '../http/body.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { queryRoom } from '../http/params.ts'
import { rateLimitedMessage } from '../http/rate-limit.ts'
import { sendBodySchema } from '../protocol.ts'

/**
 * Sending for the HTTP transports: `POST /api/messages` appends a chat message. A repeated
 * `clientMsgId` (a retry after a lost answer) appends nothing and answers 200 with the same seq.
 */
export function sendRoutes({ feed, meter, config, sendLimiter, network }: Deps): Hono<AppEnv> {
  const limit = bodyLimit({
    maxSize: config.bodyMaxBytes,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', `request body is over ${config.bodyMaxBytes} bytes`),
        413,
      ),
  })
  return new Hono<AppEnv>().post('/api/messages', limit, async (c) => {
    const body = await readJsonBody(c, sendBodySchema)
    const member = c.get('member')
    checkClassSend(member, body.user)
    const ip = network.addresses.of(c.env?.incoming?.socket, c.req.header('x-forwarded-for'))
    const waitMs = sendLimiter.check(ip, senderKey(member, c.get('meterOwner').client))
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)))
      throw new ApiError(429, 'rate_limited', rateLimitedMessage(waitMs))
    }
    const room = body.room ?? queryRoom(c)
    const { message, duplicate } = await feed.append(room, {
      kind: 'chat',
      user: body.user,
      text: body.text,
      ...(body.clientMsgId !== undefined && { clientMsgId: body.clientMsgId }),
    })
    if (!duplicate) meter.count(c.get('meterOwner'), 'messages', 1)
    return c.json({ seq: message.seq, ts: message.ts }, duplicate ? 200 : 201)
  })
}
