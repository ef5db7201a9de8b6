import type { Socket } from 'socket.io-client'
import type { ServerFrame, SocketIoAck, SocketIoAuth } from '../../../server/src/protocol.ts'
import type { LabControls } from '../lab-source.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import { SendError, type SendRequest } from '../lib/send-error.ts'
import { arrivalClock, type TransportClient, type TransportSetup } from './client.ts'

const ACK_TIMEOUT_MS = 10_000

type Hello = Omit<Extract<ServerFrame, { type: 'hello' }>, 'type'>

/**
 * Socket.IO, the page's optional fifth panel: Socket.IO's own client (loaded only when the panel is
 * on) on the server's `/feed` namespace. Its cursor rides in `auth`, which the library asks for
 * again on every reconnection, so a resume after any drop asks for exactly what is missing.
 */
export class SocketIoClient implements TransportClient {
  #setup: TransportSetup
  #socket: Socket | undefined
  #stopped = false

  constructor(setup: TransportSetup) {
    this.#setup = setup
  }

  start(): void {
    this.#setup.events.state('connecting')
    void import('socket.io-client').then(({ io }) => {
      if (this.#stopped) return
      const { base, room, client, cursor } = this.#setup
      const auth = (): SocketIoAuth => ({
        room,
        since: cursor.since,
        ...(cursor.epoch !== undefined && { epoch: cursor.epoch }),
      })
      this.#listen(
        // Through a shaping proxy (network conditions) `base` is its origin; the cookie goes along.
        io(`${base}/feed`, {
          query: { client },
          withCredentials: base !== '',
          auth: (send) => send(auth()),
          // The same backoff as the page's other clients: 0.5 s doubling to 10 s, ± 30 %.
          reconnectionDelay: 500,
          reconnectionDelayMax: 10_000,
          randomizationFactor: 0.3,
        }),
      )
    })
  }

  stop(): void {
    this.#stopped = true
    this.#socket?.disconnect()
    this.#setup.events.state('closed')
  }

  configure(controls: LabControls): void {
    // Engine.IO keeps its own heartbeat (the server's pingInterval): no lab knob applies.
    this.#setup.controls = controls
  }

  /** Emits a `send`; resolves with its seq when the server's acknowledgement arrives. */
  send({ user, text, clientMsgId }: SendRequest): Promise<{ seq: number }> {
    const socket = this.#socket
    if (!socket?.connected) {
      return Promise.reject(new SendError('reconnecting', 'Socket.IO is not connected yet'))
    }
    return new Promise((resolve, reject) => {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emit('send', { user, text, clientMsgId }, (timedOut: Error | null, ack: SocketIoAck) => {
          if (timedOut) reject(new SendError('no_ack', 'no acknowledgement from the server'))
          else if ('error' in ack) reject(new SendError(ack.error.code, ack.error.message))
          else resolve({ seq: ack.seq })
        })
    })
  }

  #listen(socket: Socket): void {
    const { cursor, events } = this.#setup
    this.#socket = socket
    let liveSince = arrivalClock()
    socket.on('connect', () => {
      liveSince = arrivalClock()
    })
    socket.on('hello', (hello: Hello) => {
      cursor.note(hello)
      events.state('open')
      if (hello.instance) events.instance(hello.instance)
    })
    socket.on('message', (message: ChatMessage) => {
      const arrivedAt = arrivalClock()
      for (const accepted of cursor.accept([message])) {
        events.message(accepted, arrivedAt, liveSince)
      }
    })
    socket.on('disconnect', () => {
      if (!this.#stopped) events.state('reconnecting')
    })
    socket.on('connect_error', () => {
      // Refused by the server (its token, a bad room): the library will not try again.
      events.state(socket.active ? 'reconnecting' : 'closed')
    })
  }
}
