/** The four transports the lab compares, in the order the page shows them. */
export type Transport = 'poll' | 'longpoll' | 'sse' | 'ws'

export const TRANSPORTS: readonly Transport[] = ['poll', 'longpoll', 'sse', 'ws']

// The same shape as ExchangeEvent in server/src/protocol.ts, which the server produces.
/**
 * One thing the server saw on the wire for a client. `at`: server ms; `id`: the HTTP exchange or
 * connection it belongs to; `bytes`: on the wire; direction 'in' = client→server. `head`: the raw
 * request or response head when recorded; `hex`: the start of a frame as sent (masked, ≤ 256 B).
 */
export type ExchangeEvent =
  | {
      at: number
      kind: 'request'
      id: number
      method: string
      target: string
      bytes: number
      head?: string
    }
  | {
      at: number
      kind: 'response'
      id: number
      status: number
      bytes: number
      messages: number
      head?: string
    }
  | { at: number; kind: 'sse-event'; id: number; event: string; eventId?: string; bytes: number }
  | {
      at: number
      kind: 'ws-frame'
      id: number
      direction: 'in' | 'out'
      opcode: number
      fin: boolean
      masked: boolean
      payloadLength: number
      bytes: number
      preview?: string
      hex?: string
    }
  | { at: number; kind: 'closed'; id: number; by: 'client' | 'server' }

/** The bounded per-client exchange log of `GET /api/lab/exchanges?client=ID&transport=T`. */
export interface ExchangeLog {
  client: string
  transport: Transport
  events: ExchangeEvent[]
}
