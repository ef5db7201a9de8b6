/** One WebSocket frame's header as it crossed the wire (RFC 6455 §5.2). */
export interface FrameHeader {
  fin: boolean
  rsv: number
  opcode: number
  masked: boolean
  payloadLength: number
  headerLength: number
}

/** One WebSocket frame seen on the wire. */
export interface ScannedFrame extends FrameHeader {
  /** The frame's first bytes as sent: its header, then up to `captureBytes` of payload, still masked. */
  raw: Uint8Array
}

const MAX_HEADER_BYTES = 14

/**
 * Finds frame boundaries in one direction of a WebSocket byte stream, chunk by chunk. Only the
 * header bytes are read; the payload is stepped over by its length, untouched unless the first
 * `captureBytes` of it are asked for (then copied as slices, never byte by byte).
 *
 * `onFrame` runs once per frame with `describe`, which tells that frame's header and captured
 * bytes when called during the callback; a caller that only counts frames never calls it, and
 * nothing is allocated per frame.
 */
export class FrameScanner {
  readonly #header = new Uint8Array(MAX_HEADER_BYTES)
  #headerFill = 0
  /** Payload bytes of the current frame still to come; -1 while its header is being read. */
  #remaining = -1
  #captured: Uint8Array[] = []
  #capturedBytes = 0
  readonly #captureBytes: number
  readonly #onFrame: (describe: () => ScannedFrame) => void
  readonly #describe: () => ScannedFrame

  constructor(onFrame: (describe: () => ScannedFrame) => void, captureBytes = 0) {
    this.#onFrame = onFrame
    this.#captureBytes = captureBytes
    // Bound here, not an arrow field: tsx would give each scanner's arrow a property dictionary.
    this.#describe = this.#scanned.bind(this)
  }

  push(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#remaining < 0) {
        this.#header[this.#headerFill++] = chunk[offset++] as number
        const lengths = headerLengths(this.#header, this.#headerFill)
        if (lengths === undefined) continue
        this.#remaining = lengths
        if (this.#remaining === 0) this.#emit()
        continue
      }
      const take = Math.min(this.#remaining, chunk.length - offset)
      const keep = Math.min(take, this.#captureBytes - this.#capturedBytes)
      if (keep > 0) {
        // A copy: ws unmasks received payloads in place once this has seen them.
        this.#captured.push(chunk.slice(offset, offset + keep))
        this.#capturedBytes += keep
      }
      offset += take
      this.#remaining -= take
      if (this.#remaining === 0) this.#emit()
    }
  }

  #emit(): void {
    this.#onFrame(this.#describe)
    if (this.#capturedBytes > 0) this.#captured = []
    this.#capturedBytes = 0
    this.#headerFill = 0
    this.#remaining = -1
  }

  /** The frame just found: its header fields and its first bytes as sent. */
  #scanned(): ScannedFrame {
    const frame = parseHeader(this.#header, this.#headerFill) as FrameHeader
    const raw = new Uint8Array(frame.headerLength + this.#capturedBytes)
    raw.set(this.#header.subarray(0, frame.headerLength))
    let at = frame.headerLength
    for (const part of this.#captured) {
      raw.set(part, at)
      at += part.length
    }
    return { ...frame, raw }
  }
}

/**
 * The payload length once the first `filled` bytes hold the whole header (RFC 6455 §5.2), else
 * undefined; read without allocating, as it runs for every frame.
 */
function headerLengths(bytes: Uint8Array, filled: number): number | undefined {
  if (filled < 2) return undefined
  const second = bytes[1] as number
  const length7 = second & 0x7f
  const extendedBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0
  if (filled < 2 + extendedBytes + (second & 0x80 ? 4 : 0)) return undefined
  let payloadLength = length7
  if (extendedBytes > 0) {
    payloadLength = 0
    for (let i = 2; i < 2 + extendedBytes; i++)
      payloadLength = payloadLength * 256 + (bytes[i] as number)
  }
  return payloadLength
}

/** The whole header, once `filled` bytes hold it. */
function parseHeader(bytes: Uint8Array, filled: number): FrameHeader | undefined {
  const payloadLength = headerLengths(bytes, filled)
  if (payloadLength === undefined) return undefined
  const first = bytes[0] as number
  const second = bytes[1] as number
  const masked = (second & 0x80) !== 0
  const length7 = second & 0x7f
  const extendedBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0
  return {
    fin: (first & 0x80) !== 0,
    rsv: (first & 0x70) >> 4,
    opcode: first & 0x0f,
    masked,
    payloadLength,
    headerLength: 2 + extendedBytes + (masked ? 4 : 0),
  }
}
