import type { ServerFrame } from '../../../server/src/protocol.ts'
import type { LabControls } from '../lab-source.ts'
import { SendError, type SendRequest } from '../lib/send-error.ts'
import {
  apiUrl,
  arrivalClock,
  backoffDelay,
  type TransportClient,
  type TransportSetup,
} from './client.ts'

const ACK_TIMEOUT_MS = 10_000
/** The server's longest ping interval: the lab's "heartbeat off". */
const HEARTBEAT_OFF_MS = 600_000

interface PendingSend {
  resolve(result: { seq: number }): void
  reject(error: Error): void
  timer: ReturnType<typeof setTimeout>
}

/**
 * WebSocket: one connection, `hello` then messages. When the connection drops for any reason but
 * our own close, it reconnects with exponential backoff and jitter, resuming from its cursor.
 */
export class WebSocketClient implements TransportClient {
  #setup: TransportSetup
  #socket: WebSocket | undefined
  #stopped = false
  #attempt = 0
  #retry: ReturnType<typeof setTimeout> | undefined
  #pending = new Map<string, PendingSend>()

  constructor(setup: TransportSetup) {
    this.#setup = setup
  }

  start(): void {
    this.#setup.events.state('connecting')
    this.#connect()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#retry)
    this.#failAll(new SendError('not_open', 'the WebSocket was closed by the page'))
    this.#socket?.close(1000, 'page closed')
    this.#setup.events.state('closed')
  }

  configure(controls: LabControls): void {
    const changed = controls.wsHeartbeatMs !== this.#setup.controls.wsHeartbeatMs
    this.#setup.controls = controls
    // The interval is chosen at connection time: a new one needs a new connection.
    if (changed && this.#socket) {
      this.#socket.onclose = null
      this.#socket.close(1000, 'new heartbeat interval')
      this.#connect()
    }
  }

  /** Sends a chat message as a frame; resolves with its seq when the server's ack arrives. */
  send({ user, text, clientMsgId }: SendRequest): Promise<{ seq: number }> {
    const socket = this.#socket
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new SendError('reconnecting', 'the WebSocket is not open yet'))
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(clientMsgId)
        reject(new SendError('no_ack', 'no ack from the server'))
      }, ACK_TIMEOUT_MS)
      this.#pending.set(clientMsgId, { resolve, reject, timer })
      socket.send(JSON.stringify({ type: 'send', user, text, clientMsgId }))
    })
  }

  #connect(): void {
    const { base, room, client, cursor, events } = this.#setup
    const heartbeatMs = this.#setup.controls.wsHeartbeatMs || HEARTBEAT_OFF_MS
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const path = apiUrl('/ws', { room, client, heartbeat: String(heartbeatMs), ...cursor.query() })
    const host = base ? new URL(base).host : location.host
    const socket = new WebSocket(`${scheme}//${host}${path}`)
    this.#socket = socket
    let liveSince = arrivalClock()
    socket.onopen = () => {
      liveSince = arrivalClock()
    }
    socket.onmessage = (event) => {
      const arrivedAt = arrivalClock()
      const frame = JSON.parse(String(event.data)) as ServerFrame
      switch (frame.type) {
        case 'hello':
          this.#attempt = 0
          cursor.note(frame)
          events.state('open')
          if (frame.instance) events.instance(frame.instance)
          break
        case 'message':
          for (const message of cursor.accept([frame.message])) {
            events.message(message, arrivedAt, liveSince)
          }
          break
        case 'ack':
          if (frame.clientMsgId) this.#settle(frame.clientMsgId, { seq: frame.seq })
          break
        case 'error':
          // Errors carry no clientMsgId: they answer the oldest send still waiting.
          this.#failOldest(new SendError(frame.code, frame.message))
          break
      }
    }
    socket.onclose = () => {
      if (this.#stopped) return
      this.#failAll(new SendError('network', 'the WebSocket closed before the ack'))
      const retryInMs = backoffDelay(this.#attempt++)
      events.state('reconnecting', retryInMs)
      this.#retry = setTimeout(() => this.#connect(), retryInMs)
    }
  }

  #settle(clientMsgId: string, result: { seq: number }): void {
    const pending = this.#pending.get(clientMsgId)
    if (!pending) return
    clearTimeout(pending.timer)
    this.#pending.delete(clientMsgId)
    pending.resolve(result)
  }

  #failOldest(error: Error): void {
    const [id, pending] = this.#pending.entries().next().value ?? []
    if (!id || !pending) return
    clearTimeout(pending.timer)
    this.#pending.delete(id)
    pending.reject(error)
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer)
      pending.reject(error)
    }
    this.#pending.clear()
  }
}
