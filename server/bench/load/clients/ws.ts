import WebSocket from 'ws'
import {
  type ClientContext,
  CONNECT_TIMEOUT_MS,
  type LoadClient,
  roomQuery,
  within,
} from './client.ts'

/** WebSocket (`ws`): each `{"type":"message","message":…}` frame is one delivery. */
export function openWs(context: ClientContext): LoadClient {
  const path = context.target === 'wirelab' ? '/ws' : '/'
  let stopped = false
  const socket = new WebSocket(
    `${context.url.replace('http', 'ws')}${path}?${roomQuery(context)}`,
    context.headers && { headers: context.headers },
  )
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as {
      type: string
      message?: { seq: number; ts: number }
    }
    if (frame.type === 'message' && frame.message)
      context.subscriber.receive(frame.message.seq, frame.message.ts)
  })
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.on('error', reject)
    socket.once('close', (code) => {
      if (!stopped) context.subscriber.fail()
      reject(new Error(`closed with ${code}`))
    })
  })
  return {
    ready: within(opened, CONNECT_TIMEOUT_MS, 'WebSocket'),
    close() {
      stopped = true
      socket.terminate()
    },
  }
}
