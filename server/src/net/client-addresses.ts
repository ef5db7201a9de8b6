import type { Socket } from 'node:net'

/** What identifies the far end of a socket. */
export interface RemoteEnd {
  remoteAddress?: string | undefined
  remotePort?: number | undefined
}

/**
 * Connections through a shaping proxy reach the server from the proxy (127.0.0.1): this maps each
 * proxy connection's own end (its local address and port) back to the client at the far side, so
 * that per-address limits (connections, sends) count a class's students apart, not as one.
 */
export class ClientAddresses {
  readonly #clients = new Map<string, string>()

  /**
   * `upstream` (the proxy's connection to the server) carries `client`'s bytes. Called in the tick
   * after `net.connect()`: the socket has its local port by then, and the server, which accepts in
   * a later turn of the event loop, cannot have seen it yet. Returns the undo, for when the
   * connection is gone.
   */
  note(upstream: Socket, client: string): () => void {
    const key = keyOf(upstream.localAddress, upstream.localPort)
    if (key === undefined) return () => {}
    this.#clients.set(key, client)
    return () => this.#clients.delete(key)
  }

  /** The address of the client at the far end of a server socket, through a proxy or not. */
  of(socket: RemoteEnd | undefined): string {
    const direct = socket?.remoteAddress ?? 'unknown'
    const key = keyOf(socket?.remoteAddress, socket?.remotePort)
    return (key !== undefined && this.#clients.get(key)) || direct
  }

  get size(): number {
    return this.#clients.size
  }
}

function keyOf(address: string | undefined, port: number | undefined): string | undefined {
  if (address === undefined || port === undefined) return undefined
  // A dual-stack server sees an IPv4 peer as ::ffff:127.0.0.1.
  return `${address.replace(/^::ffff:/, '')}|${port}`
}
