import { get } from 'node:http'
import {
  type ClientContext,
  CONNECT_TIMEOUT_MS,
  type LoadClient,
  roomQuery,
  within,
} from './client.ts'

/**
 * SSE without EventSource (Node 20 has none): one GET on a connection of its own, the stream cut
 * into events at each blank line; an `event: message` event's `data:` is the message's JSON.
 */
export function openSse(context: ClientContext): LoadClient {
  const path = context.target === 'wirelab' ? '/api/sse' : '/'
  let stopped = false
  const request = get(`${context.url}${path}?${roomQuery(context)}`, {
    agent: false,
    ...(context.headers && { headers: context.headers }),
  })
  const connected = new Promise<void>((resolve, reject) => {
    request.on('error', (error) => {
      if (!stopped) context.subscriber.fail()
      reject(error)
    })
    request.on('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE: ${response.statusCode}`))
      resolve()
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = /^data: (.*)$/m.exec(event)?.[1]
          if (data === undefined || !/^event: message$/m.test(event)) continue
          const message = JSON.parse(data) as { seq: number; ts: number }
          context.subscriber.receive(message.seq, message.ts)
        }
      })
      response.on('close', () => {
        if (!stopped) context.subscriber.fail()
      })
    })
  })
  return {
    ready: within(connected, CONNECT_TIMEOUT_MS, 'SSE'),
    close() {
      stopped = true
      request.destroy()
    },
  }
}
