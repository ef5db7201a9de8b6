import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { Server as TlsServer } from 'node:tls'
import { type MeterCategory, type StatsSnapshot, TRANSPORTS } from '../protocol.ts'
import { CategoryCounters, type CounterName } from './counters.ts'
import { FrameScanner, type ScannedFrame } from './frame-scanner.ts'

/** Who the bytes on a socket belong to right now. */
export interface MeterOwner {
  category: MeterCategory
  client?: string
}

interface SocketTrack {
  socket: Socket
  /** The connection's number, server-wide from 1: what the lab page calls "connection #7". */
  conn: number
  /** Requests this connection has carried, per category (keep-alive: several of each). */
  requests: Partial<Record<MeterCategory, number>>
  readMark: number
  writtenMark: number
  owner?: MeterOwner
  lastOwner?: MeterOwner
  /** The last transport request it carried: a keep-alive socket between polls also carries control requests. */
  transportOwner?: MeterOwner
  /** A WebSocket upgrade whose handshake is not over: its bytes count as handshake bytes too. */
  inHandshake: boolean
  /** `category\0client` keys its connection was counted for (a socket carries one to a few). */
  countedFor: string[]
  /** Socket counters when the current exchange began (the previous one's 'finish'). */
  exchangeRead: number
  exchangeWritten: number
  /** Where written chunks go, once writes are tapped (WebSocket upgrades only). */
  onWrite?: (chunk: Uint8Array) => void
  killed: boolean
  /** Dropped by the lab while it carried another exchange (the drop request itself): close after it. */
  closeAfterExchange: boolean
  handshakeWrites?: Uint8Array[]
}

/** One connection the lab's "drop connection" closed. */
export interface DroppedConnection {
  conn: number
  /** Requests of the dropped transport it had carried (a page's other requests not counted). */
  requests: number
  /** A request of that transport was in flight on it: the client saw it fail (or the browser retried). */
  busy: boolean
}

/** Bytes of one exchange (a request and its response, or a WebSocket handshake). */
export interface ExchangeBytes {
  bytesIn: number
  bytesOut: number
}

/** What the WebSocket handshake cost, and the 101 response as written. */
export interface Handshake extends ExchangeBytes {
  responseHead: string
}

const FRAME_CAPTURE_BYTES = 8 * 1024

export interface WireMeterOptions {
  now?: () => number
  /** Per-client counters kept; the oldest client is forgotten past this. */
  maxClients?: number
  /** False: count nothing (`--no-meter`, to measure what the meter costs). */
  enabled?: boolean
}

/**
 * Counts bytes on the wire from the TCP sockets themselves (`bytesRead` / `bytesWritten`), so the
 * figures include request lines, headers, chunked framing and WebSocket frame headers. Bytes go to
 * the socket's current owner; on a keep-alive socket the bytes after one response's 'finish' belong
 * to the next request, because Node has already read that request when 'request' fires.
 */
export class WireMeter {
  readonly #tracks = new Map<Socket, SocketTrack>()
  readonly #killed = new WeakSet<Socket>()
  readonly #total: CategoryCounters
  readonly #clients = new Map<string, CategoryCounters>()
  /** The sockets whose bytes belong to a client now (a load generator's carry no client). */
  readonly #byClient = new Map<string, Set<SocketTrack>>()
  readonly #now: () => number
  readonly #maxClients: number
  readonly #enabled: boolean
  #nextConn = 1

  constructor(options: WireMeterOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#maxClients = options.maxClients ?? 10_000
    this.#enabled = options.enabled ?? true
    this.#total = new CategoryCounters(this.#now())
  }

  /**
   * Starts tracking every connection of `server`. Over TLS it tracks the decrypted socket: the
   * figures are then the HTTP and WebSocket bytes inside TLS, without TLS's own records.
   */
  attach(server: Server): void {
    if (!this.#enabled) return
    const event = server instanceof TlsServer ? 'secureConnection' : 'connection'
    server.on(event, (socket: Socket) => this.#track(socket))
  }

  /**
   * The request being served on `socket` belongs to `owner` (called once per request). `upgrade`:
   * it is a WebSocket handshake (every `/ws` request; Socket.IO's upgrade, not its polling).
   */
  claim(socket: Socket, owner: MeterOwner, upgrade = owner.category === 'ws'): void {
    if (!this.#enabled) return
    const track = this.#tracks.get(socket) ?? this.#track(socket)
    this.#own(track, owner)
    track.inHandshake = upgrade
    if (track.inHandshake) {
      const written: Uint8Array[] = []
      track.onWrite = (chunk) => written.push(chunk)
      tapWrites(socket, (chunk) => track.onWrite?.(chunk))
      track.handshakeWrites = written
    }
    track.requests[owner.category] = (track.requests[owner.category] ?? 0) + 1
    if (isTransport(owner.category)) track.transportOwner = owner
    this.count(owner, 'requests', 1)
    const key = `${owner.category}\u0000${owner.client ?? ''}`
    if (!track.countedFor.includes(key)) {
      track.countedFor.push(key)
      this.count(owner, 'connections', 1)
    }
  }

  /** The connection number of `socket` (0 for a socket the meter never saw). */
  connectionOf(socket: Socket): number {
    return this.#tracks.get(socket)?.conn ?? 0
  }

  /** Bytes of the exchange in progress on `socket` so far. */
  exchangeBytes(socket: Socket): ExchangeBytes {
    const track = this.#tracks.get(socket)
    if (!track) return { bytesIn: 0, bytesOut: 0 }
    return {
      bytesIn: socket.bytesRead - track.exchangeRead,
      bytesOut: socket.bytesWritten - track.exchangeWritten,
    }
  }

  /** The response on `socket` is complete: settle its bytes; what follows is the next request's. */
  release(socket: Socket): ExchangeBytes {
    const exchange = this.exchangeBytes(socket)
    const track = this.#tracks.get(socket)
    if (!track) return exchange
    this.#flush(track)
    track.lastOwner = track.owner ?? track.lastOwner
    this.#own(track, undefined)
    track.exchangeRead = socket.bytesRead
    track.exchangeWritten = socket.bytesWritten
    // end(), not destroy(): the response just finished may still sit in the socket's buffer.
    if (track.closeAfterExchange) socket.end()
    return exchange
  }

  /**
   * The WebSocket handshake on `socket` is over: from now on its bytes are frames. Frames are
   * found by scanning both directions of the stream, headers only; with `capture`, each frame's
   * first bytes (FRAME_CAPTURE_BYTES) are copied for it too — for a client whose exchanges are
   * logged, never for the rest.
   */
  upgraded(
    socket: Socket,
    capture?: (frame: ScannedFrame, direction: 'in' | 'out') => void,
  ): Handshake {
    const track = this.#tracks.get(socket)
    const handshake = { ...this.exchangeBytes(socket), responseHead: '' }
    if (!track?.owner) return handshake
    this.#flush(track)
    track.inHandshake = false
    handshake.responseHead = Buffer.concat(track.handshakeWrites ?? []).toString('latin1')
    track.handshakeWrites = undefined
    const owner = track.owner
    const captureBytes = capture ? FRAME_CAPTURE_BYTES : 0
    const inbound = new FrameScanner((found) => {
      this.count(owner, 'framesIn', 1)
      capture?.(found.describe(), 'in')
    }, captureBytes)
    const outbound = new FrameScanner((found) => {
      this.count(owner, 'framesOut', 1)
      capture?.(found.describe(), 'out')
    }, captureBytes)
    // First in line: ws unmasks payloads in place, and the wire had them masked.
    socket.prependListener('data', (chunk: Buffer) => inbound.push(chunk))
    track.onWrite = (chunk) => outbound.push(chunk)
    const tap = (socket as Tapped)[TAP]
    if (tap) tap.capturing = capture !== undefined
    return handshake
  }

  /**
   * Writes one message to an upgraded `socket` as one whole frame the server framed itself (a
   * fan-out message, framed once for its room). Its bytes are counted by the socket like all others;
   * the message and its frame are counted here from what the server knows, not scanned, which would
   * touch a dozen objects of this connection for every message. Only a connection whose frames are
   * captured for the exchange log has it scanned, to be copied.
   */
  writeMessageFrame(socket: Socket, owner: MeterOwner, frame: Buffer): void {
    const tap = (socket as Tapped)[TAP]
    if (!tap) {
      socket.write(frame)
      return
    }
    tap.write.call(socket, frame)
    if (tap.capturing) {
      tap.onChunk(frame)
      this.count(owner, 'messages', 1)
      return
    }
    this.#total.addMessageFrame(owner.category)
    if (owner.client !== undefined) this.#client(owner.client).addMessageFrame(owner.category)
  }

  /**
   * The lab's "drop connection": closes one client's connections that last carried `category`. One
   * busy with it (a held long poll, a stream, a WebSocket) is destroyed at once: the client sees it
   * fail. A keep-alive connection between two polls may be busy with another request at that moment
   * (browsers reuse idle connections, for the drop request itself too): it is closed right after
   * that answer. `client` null: every client's (class mode's "drop for the whole class").
   */
  kill(client: string | null, category: MeterCategory): DroppedConnection[] {
    const dropped: DroppedConnection[] = []
    for (const track of this.#tracks.values()) {
      const carried = track.transportOwner
      if (carried?.category !== category) continue
      if (client !== null && carried.client !== client) continue
      track.killed = true
      const busy = track.owner?.category === category
      dropped.push({ conn: track.conn, requests: track.requests[category] ?? 0, busy })
      if (track.owner && !busy) track.closeAfterExchange = true
      else track.socket.destroy()
    }
    return dropped
  }

  /** True when the lab's "drop connection" destroyed this socket. */
  wasKilled(socket: Socket): boolean {
    return this.#tracks.get(socket)?.killed ?? this.#killed.has(socket)
  }

  /** Adds to one counter of `owner` (and of the total). */
  count(owner: MeterOwner, name: CounterName, amount: number): void {
    if (!this.#enabled) return
    this.#total.add(owner.category, name, amount)
    if (owner.client !== undefined) this.#client(owner.client).add(owner.category, name, amount)
  }

  snapshot(client?: string): StatsSnapshot {
    if (client === undefined) {
      this.#flushAll()
      return this.#total.snapshot()
    }
    this.#flushClient(client)
    return this.#clientSnapshot(client)
  }

  /** Several clients' figures, the open connections' bytes read once for all of them. */
  snapshots(clients: readonly string[]): StatsSnapshot[] {
    for (const client of clients) this.#flushClient(client)
    return clients.map((client) => this.#clientSnapshot(client))
  }

  /** Zeroes one client's counters, or all of them. */
  reset(client?: string): void {
    this.#flushAll()
    const now = this.#now()
    if (client !== undefined) {
      this.#clients.get(client)?.reset(now)
      return
    }
    this.#total.reset(now)
    this.#clients.clear()
  }

  /** Sockets open now, by the category that currently owns them. */
  openSockets(): Map<MeterCategory, number> {
    const open = new Map<MeterCategory, number>()
    for (const track of this.#tracks.values()) {
      const owner = track.owner ?? track.lastOwner
      if (owner) open.set(owner.category, (open.get(owner.category) ?? 0) + 1)
    }
    return open
  }

  #track(socket: Socket): SocketTrack {
    const existing = this.#tracks.get(socket)
    if (existing) return existing
    const track: SocketTrack = {
      socket,
      conn: this.#nextConn++,
      requests: {},
      readMark: socket.bytesRead,
      writtenMark: socket.bytesWritten,
      inHandshake: false,
      countedFor: [],
      exchangeRead: socket.bytesRead,
      exchangeWritten: socket.bytesWritten,
      killed: false,
      closeAfterExchange: false,
    }
    this.#tracks.set(socket, track)
    // 'close' comes once: on(), as once() would wrap the listener in two more objects per socket.
    socket.on('close', () => {
      if (track.killed) this.#killed.add(socket)
      // Bytes nobody claimed (a request Node itself rejected) still crossed the wire.
      track.owner ??= track.lastOwner ?? { category: 'control' }
      this.#flush(track)
      this.#own(track, undefined)
      this.#tracks.delete(socket)
    })
    return track
  }

  #flush(track: SocketTrack): void {
    const owner = track.owner
    if (!owner) return
    const bytesIn = track.socket.bytesRead - track.readMark
    const bytesOut = track.socket.bytesWritten - track.writtenMark
    track.readMark += bytesIn
    track.writtenMark += bytesOut
    this.count(owner, 'bytesIn', bytesIn)
    this.count(owner, 'bytesOut', bytesOut)
    if (track.inHandshake) {
      this.count(owner, 'handshakeBytesIn', bytesIn)
      this.count(owner, 'handshakeBytesOut', bytesOut)
    }
  }

  #flushAll(): void {
    for (const track of this.#tracks.values()) this.#flush(track)
  }

  /**
   * Only the sockets serving `client` now: a page's channel reads its own figures twice a second,
   * and reading every socket of the server for each of a class's pages would cost pages × sockets.
   */
  #flushClient(client: string): void {
    for (const track of this.#byClient.get(client) ?? []) this.#flush(track)
  }

  #clientSnapshot(client: string): StatsSnapshot {
    return (this.#clients.get(client) ?? new CategoryCounters(this.#total.since)).snapshot(client)
  }

  /** Sets who a socket's bytes belong to now, and keeps the index of sockets by client. */
  #own(track: SocketTrack, owner: MeterOwner | undefined): void {
    const before = track.owner?.client
    const after = owner?.client
    track.owner = owner
    if (before === after) return
    if (before !== undefined) {
      const tracks = this.#byClient.get(before)
      tracks?.delete(track)
      if (tracks?.size === 0) this.#byClient.delete(before)
    }
    if (after !== undefined) {
      const tracks = this.#byClient.get(after)
      if (tracks) tracks.add(track)
      else this.#byClient.set(after, new Set([track]))
    }
  }

  #client(client: string): CategoryCounters {
    let counters = this.#clients.get(client)
    if (!counters) {
      if (this.#clients.size >= this.#maxClients) {
        const oldest = this.#clients.keys().next().value
        if (oldest !== undefined) this.#clients.delete(oldest)
      }
      counters = new CategoryCounters(this.#now())
      this.#clients.set(client, counters)
    }
    return counters
  }
}

const isTransport = (category: MeterCategory) =>
  (TRANSPORTS as readonly string[]).includes(category)

/** Where a tapped socket's written chunks go, and the write they then go through. */
const TAP = Symbol('wirelab.writeTap')

interface Tapped {
  [TAP]?: {
    write: WriteFn
    onChunk: (chunk: Uint8Array) => void
    /** Its frames are copied for the exchange log: scan every one, the server's own too. */
    capturing: boolean
  }
}

type WriteFn = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean

/**
 * Sees every chunk written to `socket` (ws writes frames with `socket.write`). One function serves
 * every tapped socket: a closure per socket would make ws's `socket.write(…)` call site see a
 * thousand different functions, and V8 would stop optimizing it.
 */
function tapWrites(socket: Socket, onChunk: (chunk: Uint8Array) => void): void {
  ;(socket as Tapped)[TAP] = { write: socket.write as WriteFn, onChunk, capturing: false }
  socket.write = tappedWrite as Socket['write']
}

function tappedWrite(
  this: Socket & Tapped,
  chunk: unknown,
  encoding?: unknown,
  callback?: unknown,
) {
  const tap = this[TAP] as NonNullable<Tapped[typeof TAP]>
  if (chunk instanceof Uint8Array) tap.onChunk(chunk)
  else if (typeof chunk === 'string')
    tap.onChunk(
      Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding),
    )
  return tap.write.call(this, chunk, encoding, callback)
}
