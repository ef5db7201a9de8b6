import { get } from 'node:http'
import { CONNECT_TIMEOUT_MS, within } from '../load/clients/client.ts'

/** One server-sent event as it arrived. */
export interface StreamEvent {
  name: string
  data: string
  /** `performance.now()` when its last byte was read. */
  arrivedAt: number
}

export interface EventStream {
  ready: Promise<void>
  /** True once the stream ended or broke after it was ready (and before close()). */
  readonly broken: boolean
  close(): void
}

/**
 * A GET whose answer is an SSE stream (the dashboard's, a page's channel), cut into events at
 * each blank line. The load bench's SSE client reads chat messages only; this one hands over every
 * event by name.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: StreamEvent) => void,
): EventStream {
  let stopped = false
  let broken = false
  const request = get(url, { agent: false, headers })
  const connected = new Promise<void>((resolve, reject) => {
    request.on('error', (error) => {
      if (!stopped) broken = true
      reject(error)
    })
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        return reject(new Error(`GET ${new URL(url).pathname}: ${response.statusCode}`))
      }
      resolve()
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        buffer += chunk
        const arrivedAt = performance.now()
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const text = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          // A comment alone (": ping") is no event.
          if (!/^data:/m.test(text)) continue
          const name = /^event: (.*)$/m.exec(text)?.[1] ?? 'message'
          const data = text
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
            .join('\n')
          onEvent({ name, data, arrivedAt })
        }
      })
      response.on('close', () => {
        if (!stopped) broken = true
      })
    })
  })
  return {
    ready: within(connected, CONNECT_TIMEOUT_MS, new URL(url).pathname),
    get broken() {
      return broken
    },
    close() {
      stopped = true
      request.destroy()
    },
  }
}
