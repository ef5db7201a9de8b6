import { createServer } from 'node:http'
import { WebSocket, WebSocketServer } from 'ws'
import { Producers, withProducer } from './producer.ts'
import type { StartedTarget } from './target.ts'

/**
 * The smallest WebSocket fan-out `ws` allows, after its README's broadcast example: each message
 * serialised once, in wirelab's frame shape (`{"type":"message","message":…}`) so that both
 * put the same bytes on the wire, and sent to every open client of the room.
 */
export async function startRawWs(): Promise<StartedTarget> {
  const server = createServer((_request, response) => response.writeHead(426).end())
  const wss = new WebSocketServer({ server })
  const rooms = new Map<string, Set<WebSocket>>()
  wss.on('connection', (socket, request) => {
    const room = new URL(request.url ?? '/', 'http://x').searchParams.get('room') ?? 'lobby'
    const members = rooms.get(room) ?? new Set()
    rooms.set(room, members.add(socket))
    socket.on('error', () => {})
    socket.on('close', () => members.delete(socket))
  })
  const producers = new Producers((room, message) => {
    const frame = JSON.stringify({ type: 'message', message })
    for (const client of rooms.get(room) ?? []) {
      if (client.readyState === WebSocket.OPEN) client.send(frame)
    }
  })
  return withProducer(server, producers, () => {
    for (const client of wss.clients) client.terminate()
    wss.close()
  })
}
