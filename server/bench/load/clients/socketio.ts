import { io } from 'socket.io-client'
import { type ClientContext, CONNECT_TIMEOUT_MS, type LoadClient, within } from './client.ts'

/**
 * socket.io-client on its WebSocket transport only (no HTTP long-polling first, no upgrade), one
 * connection per client (`forceNew`), no reconnection: a drop shows as an error and lost messages.
 */
export function openSocketIo(context: ClientContext): LoadClient {
  let stopped = false
  const socket = io(context.url, {
    transports: ['websocket'],
    query: { room: context.room, ...(context.client !== undefined && { client: context.client }) },
    ...(context.headers && { extraHeaders: context.headers }),
    forceNew: true,
    reconnection: false,
  })
  socket.on('message', (message: { seq: number; ts: number }) =>
    context.subscriber.receive(message.seq, message.ts),
  )
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
    socket.once('disconnect', () => {
      if (!stopped) context.subscriber.fail()
    })
  })
  return {
    ready: within(connected, CONNECT_TIMEOUT_MS, 'Socket.IO'),
    close() {
      stopped = true
      socket.disconnect()
    },
  }
}
