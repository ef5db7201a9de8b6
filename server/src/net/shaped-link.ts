import type { Socket } from 'node:net'

/** What one direction of a link does to the bytes now (read again for every chunk). */
export interface LinkShape {
  delayMs: number
  jitterMs: number
  /** kbit/s; 0 = unlimited. */
  bandwidthKbps: number
}

/** Bytes held between the two sockets; past it the sending side is paused. */
export const LINK_HIGH_WATER_BYTES = 256 * 1024
/** With a bandwidth, a chunk is split so that no piece holds the wire longer than this. */
const PACE_SLICE_MS = 20
const MAX_PIECE_BYTES = 16 * 1024
/** A timer may fire this early on the millisecond clock: such a piece is due. */
const EARLY_MS = 1

interface Piece {
  due: number
  bytes: Buffer
}

/**
 * One direction of a shaped connection: what `source` reads, `sink` writes, later. Each piece is
 * due at max(the previous piece's due time, when the link finished sending it + delay ± jitter):
 * bytes never overtake each other. A sink that does not drain, or a queue past the high-water
 * mark, pauses the source, so memory stays bounded whatever the two sides do.
 */
export class ShapedLink {
  readonly #source: Socket
  readonly #sink: Socket
  readonly #shape: () => LinkShape
  readonly #random: () => number
  readonly #queue: Piece[] = []
  #queuedBytes = 0
  #lastDue = 0
  /** When the link (at its bandwidth) has sent everything queued so far. */
  #linkFreeAt = 0
  #timer: NodeJS.Timeout | undefined
  #sinkBlocked = false
  #sourcePaused = false
  #sourceEnded = false
  #stopped = false
  /** Bytes written to the sink. */
  delivered = 0

  constructor(source: Socket, sink: Socket, shape: () => LinkShape, random = Math.random) {
    this.#source = source
    this.#sink = sink
    this.#shape = shape
    this.#random = random
    source.on('data', (chunk: Buffer) => this.#take(chunk))
    source.on('end', () => {
      this.#sourceEnded = true
      this.#flush()
    })
    sink.on('drain', () => {
      this.#sinkBlocked = false
      this.#flush()
    })
  }

  /** Bytes read and not yet written. */
  get queuedBytes(): number {
    return this.#queuedBytes
  }

  /** Forgets what is queued (the connection was cut). */
  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#queue.length = 0
    this.#queuedBytes = 0
  }

  #take(chunk: Buffer): void {
    if (this.#stopped) return
    const { delayMs, jitterMs, bandwidthKbps } = this.#shape()
    const now = performance.now()
    const bytesPerMs = bandwidthKbps / 8
    const pieceBytes =
      bytesPerMs > 0
        ? Math.max(1, Math.min(MAX_PIECE_BYTES, Math.floor(bytesPerMs * PACE_SLICE_MS)))
        : chunk.length
    for (let offset = 0; offset < chunk.length; offset += pieceBytes) {
      const bytes = chunk.subarray(offset, offset + pieceBytes)
      let sentAt = now
      if (bytesPerMs > 0) {
        this.#linkFreeAt = Math.max(now, this.#linkFreeAt) + bytes.length / bytesPerMs
        sentAt = this.#linkFreeAt
      }
      const jitter = jitterMs * (2 * this.#random() - 1)
      const due = Math.max(this.#lastDue, sentAt + Math.max(0, delayMs + jitter))
      this.#lastDue = due
      this.#queue.push({ due, bytes })
      this.#queuedBytes += bytes.length
    }
    if (this.#queuedBytes > LINK_HIGH_WATER_BYTES && !this.#sourcePaused) {
      this.#sourcePaused = true
      this.#source.pause()
    }
    if (this.#timer === undefined) this.#flush()
  }

  #flush(): void {
    this.#timer = undefined
    if (this.#stopped || this.#sink.destroyed) return
    while (!this.#sinkBlocked) {
      const head = this.#queue[0]
      if (!head) break
      const wait = head.due - performance.now()
      if (wait > EARLY_MS) {
        this.#timer = setTimeout(() => this.#flush(), Math.ceil(wait))
        return
      }
      this.#queue.shift()
      this.#queuedBytes -= head.bytes.length
      this.delivered += head.bytes.length
      if (!this.#sink.write(head.bytes)) this.#sinkBlocked = true
    }
    if (this.#sourcePaused && !this.#sinkBlocked && this.#queuedBytes < LINK_HIGH_WATER_BYTES / 2) {
      this.#sourcePaused = false
      this.#source.resume()
    }
    if (this.#sourceEnded && this.#queue.length === 0) this.#sink.end()
  }
}
