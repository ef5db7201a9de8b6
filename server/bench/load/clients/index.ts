import type { ClientKind } from '../types.ts'
import type { ClientContext, LoadClient } from './client.ts'
import { openLongPoll } from './longpoll.ts'
import { openPoll } from './poll.ts'
import { openSocketIo } from './socketio.ts'
import { openSse } from './sse.ts'
import { openWs } from './ws.ts'

export type { ClientContext, LoadClient } from './client.ts'
export { Delivery } from './subscriber.ts'

export const OPEN_CLIENT: Record<ClientKind, (context: ClientContext) => LoadClient> = {
  poll: openPoll,
  longpoll: openLongPoll,
  sse: openSse,
  ws: openWs,
  socketio: openSocketIo,
}
