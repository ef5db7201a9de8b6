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
 */
export class FrameScanner {
  readonly #header = new Uint8Array(MAX_HEADER_BYTES)
  #headerFill = 0
  #frame: FrameHeader | undefined
  #remaining = 0
  #captured: Uint8Array[] = []
  #capturedBytes = 0
  readonly #captureBytes: number
  readonly #onFrame: (frame: ScannedFrame) => void

  constructor(onFrame: (frame: ScannedFrame) => void, captureBytes = 0) {
    this.#onFrame = onFrame
    this.#captureBytes = captureBytes
  }

  push(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#frame === undefined) {
        this.#header[this.#headerFill++] = chunk[offset++] as number
        this.#frame = parseHeader(this.#header, this.#headerFill)
        if (this.#frame === undefined) continue
        this.#remaining = this.#frame.payloadLength
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
    const frame = this.#frame as FrameHeader
    const raw = new Uint8Array(frame.headerLength + this.#capturedBytes)
    raw.set(this.#header.subarray(0, frame.headerLength))
    let at = frame.headerLength
    for (const part of this.#captured) {
      raw.set(part, at)
      at += part.length
    }
    this.#captured = []
    this.#capturedBytes = 0
    this.#headerFill = 0
    this.#frame = undefined
    this.#onFrame({ ...frame, raw })
  }
}

/** The frame header once the first `filled` bytes hold all of it, else undefined. */
function parseHeader(bytes: Uint8Array, filled: number): FrameHeader | undefined {
  if (filled < 2) return undefined
  const first = bytes[0] as number
  const second = bytes[1] as number
  const masked = (second & 0x80) !== 0
  const length7 = second & 0x7f
  const extendedBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0
  const headerLength = 2 + extendedBytes + (masked ? 4 : 0)
  if (filled < headerLength) return undefined
  let payloadLength = length7
  if (extendedBytes > 0) {
    payloadLength = 0
    for (let i = 2; i < 2 + extendedBytes; i++)
      payloadLength = payloadLength * 256 + (bytes[i] as number)
  }
  return {
    fin: (first & 0x80) !== 0,
    rsv: (first & 0x70) >> 4,
    opcode: first & 0x0f,
    masked,
    payloadLength,
    headerLength,
  }
}
