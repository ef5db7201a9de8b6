import { isIP, type Socket } from 'node:net'

/** What identifies the far end of a socket. */
export interface RemoteEnd {
  remoteAddress?: string | undefined
  remotePort?: number | undefined
}

/**
 * Connections through a shaping proxy reach the server from the proxy (127.0.0.1): this maps each
 * proxy connection's own end (its local address and port) back to the client at the far side, so
 * that per-address limits (connections, sends) count a class's students apart, not as one.
 *
 * Behind a reverse proxy (nginx, `--trust-proxy ADDRESS`) one connection carries many clients'
 * requests, so the client is read from each request's `X-Forwarded-For`: its last address, the one
 * the trusted proxy added (the ones before it are whatever the client chose to send).
 */
export class ClientAddresses {
  readonly #clients = new Map<string, string>()
  readonly #trusted: Set<string>

  constructor(trustProxy: readonly string[] = []) {
    this.#trusted = new Set(trustProxy.map(plain))
  }

  /**
   * True when the socket comes from a trusted reverse proxy (its limits are the proxy's). Never for
   * a connection of this server's own shaping proxies: they pass the client's bytes unchanged, so
   * its X-Forwarded-For would be the client's own word.
   */
  fromTrustedProxy(socket: RemoteEnd | undefined): boolean {
    if (this.#trusted.size === 0 || !this.#trusted.has(plain(socket?.remoteAddress ?? '')))
      return false
    const key = keyOf(socket?.remoteAddress, socket?.remotePort)
    return key === undefined || !this.#clients.has(key)
  }

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

  /**
   * The address of the client at the far end of a server socket, through a proxy or not;
   * `forwardedFor` is the request's `X-Forwarded-For`, believed from a trusted proxy only.
   */
  of(socket: RemoteEnd | undefined, forwardedFor?: string | string[]): string {
    if (forwardedFor !== undefined && this.fromTrustedProxy(socket)) {
      const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor
      const last = header.split(',').at(-1)?.trim()
      if (last && isIP(plain(last)) !== 0) return plain(last)
    }
    const direct = socket?.remoteAddress ?? 'unknown'
    const key = keyOf(socket?.remoteAddress, socket?.remotePort)
    return (key !== undefined && this.#clients.get(key)) || direct
  }

  get size(): number {
    return this.#clients.size
  }
}

/** A dual-stack server sees an IPv4 peer as ::ffff:127.0.0.1. */
function plain(address: string): string {
  return address.replace(/^::ffff:/, '')
}

function keyOf(address: string | undefined, port: number | undefined): string | undefined {
  if (address === undefined || port === undefined) return undefined
  return `${plain(address)}|${port}`
}
