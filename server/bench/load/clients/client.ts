import type { TargetName } from '../types.ts'
import type { Subscriber } from './subscriber.ts'

/** What a client needs to follow one room of one server. */
export interface ClientContext {
  target: TargetName
  /** The server's base URL (`http://127.0.0.1:PORT`). */
  url: string
  room: string
  pollIntervalMs: number
  subscriber: Subscriber
  /** Sent with every request, e.g. a class member's `Cookie`. */
  headers?: Record<string, string>
  /** The page's client id (`client=`): the server's meter counts this client's bytes apart. */
  client?: string
}

/** A client of the load generator. */
export interface LoadClient {
  /** Resolves once it follows the room (connected, or first answer in); rejects if it cannot. */
  ready: Promise<void>
  /** Stops it and cuts its connection. */
  close(): void
}

/** Rejects with `what` after `ms` unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export const CONNECT_TIMEOUT_MS = 15_000

/** `room=…`, and `&client=…` when the client has an id. */
export const roomQuery = ({ room, client }: ClientContext): string =>
  client === undefined ? `room=${room}` : `room=${room}&client=${client}`

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
