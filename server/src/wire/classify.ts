import { type MeterCategory, SOCKETIO_PATH } from '../protocol.ts'

/**
 * Which meter category a request belongs to. Everything that is not one of the transports or
 * a send (the UI, stats, the lab's own control channel) is `control`, so it never inflates a
 * transport's figures.
 */
export function categoryOf(method: string, path: string): MeterCategory {
  switch (path) {
    case '/api/poll':
      return 'poll'
    case '/api/longpoll':
      return 'longpoll'
    case '/api/sse':
      return 'sse'
    case '/ws':
      return 'ws'
    case '/api/messages':
      return method === 'POST' ? 'send' : 'control'
    default:
      return path.startsWith(SOCKETIO_PATH) ? 'socketio' : 'control'
  }
}
