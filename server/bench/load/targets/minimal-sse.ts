import { createServer, type ServerResponse } from 'node:http'
import { Producers, withProducer } from './producer.ts'
import type { StartedTarget } from './target.ts'

/**
 * The smallest SSE server `node:http` allows: `GET /?room=` answers `text/event-stream` and
 * writes each message as wirelab does (`id:`, `event: message`, `data:` JSON), the event text
 * made once per message. No cursor, no heartbeat, no meter: the floor wirelab's SSE is held to.
 */
export async function startMinimalSse(): Promise<StartedTarget> {
  const rooms = new Map<string, Set<ServerResponse>>()
  const server = createServer((request, response) => {
    const room = new URL(request.url ?? '/', 'http://x').searchParams.get('room') ?? 'lobby'
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    })
    response.write('retry: 2000\n\n')
    const members = rooms.get(room) ?? new Set()
    rooms.set(room, members.add(response))
    response.on('close', () => members.delete(response))
  })
  const producers = new Producers((room, message) => {
    const event = `id: ${message.seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`
    for (const response of rooms.get(room) ?? []) response.write(event)
  })
  return withProducer(server, producers)
}
