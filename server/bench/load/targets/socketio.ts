import { createServer } from 'node:http'
import { Server } from 'socket.io'
import { Producers, withProducer } from './producer.ts'
import type { StartedTarget } from './target.ts'

/**
 * Socket.IO 4 with its defaults (no per-message deflate), clients joined to their room from the
 * handshake's `room` query; each message is `io.to(room).emit('message', m)`, which encodes it
 * once for the whole room.
 */
export async function startSocketIo(): Promise<StartedTarget> {
  const server = createServer()
  const io = new Server(server, { serveClient: false })
  io.on('connection', (socket) => {
    const room = socket.handshake.query.room
    void socket.join(typeof room === 'string' ? room : 'lobby')
  })
  const producers = new Producers((room, message) => io.to(room).emit('message', message))
  // io.close() closes the HTTP server too.
  return withProducer(server, producers, async () => {
    io.disconnectSockets(true)
    await new Promise<void>((resolve) => io.close(() => resolve()))
  })
}
