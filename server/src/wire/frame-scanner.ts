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
  /**
   * When capturing, the frame's first bytes as sent: its header, then up to `captureBytes` of
   * payload, still masked. Empty otherwise.
   */
  raw: Uint8Array
}

/** A frame the scanner just found: `describe` tells it while `onFrame` runs. */
export interface FoundFrame {
  describe(): ScannedFrame
}

/** Extended payload length bytes after the second byte's 7-bit length (RFC 6455 §5.2). */
const extendedBytes = (length7: number) => (length7 === 126 ? 2 : length7 === 127 ? 8 : 0)

/**
 * Finds frame boundaries in one direction of a WebSocket byte stream, chunk by chunk. Only the
 * header bytes are read, into a few numbers; the payload is stepped over by its length, untouched
 * unless `captureBytes` of it are asked for (then copied as slices, never byte by byte).
 *
 * `onFrame` runs once per frame; a caller that only counts frames never calls `describe`, and a
 * scanner that captures nothing allocates nothing, per frame or of its own.
 */
export class FrameScanner implements FoundFrame {
  #headerFill = 0
  #headerLength = 0
  #first = 0
  #second = 0
  #payloadLength = 0
  /** Payload bytes of the current frame still to come; -1 while its header is being read. */
  #remaining = -1
  /** Only when capturing: the current frame's header bytes and the slices of its payload. */
  #header: number[] | undefined
  #captured: Uint8Array[] | undefined
  #capturedBytes = 0
  readonly #captureBytes: number
  readonly #onFrame: (frame: FoundFrame) => void

  constructor(onFrame: (frame: FoundFrame) => void, captureBytes = 0) {
    this.#onFrame = onFrame
    this.#captureBytes = captureBytes
    if (captureBytes > 0) {
      this.#header = []
      this.#captured = []
    }
  }

  push(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#remaining < 0) {
        this.#readHeaderByte(chunk[offset++] as number)
        continue
      }
      const take = Math.min(this.#remaining, chunk.length - offset)
      const keep = Math.min(take, this.#captureBytes - this.#capturedBytes)
      if (keep > 0) {
        // A copy: ws unmasks received payloads in place once this has seen them.
        this.#captured?.push(chunk.slice(offset, offset + keep))
        this.#capturedBytes += keep
      }
      offset += take
      this.#remaining -= take
      if (this.#remaining === 0) this.#emit()
    }
  }

  /** The frame just found: its header fields and, when capturing, its first bytes as sent. */
  describe(): ScannedFrame {
    const header = this.#header ?? []
    const raw = new Uint8Array(header.length + this.#capturedBytes)
    raw.set(header)
    let at = header.length
    for (const part of this.#captured ?? []) {
      raw.set(part, at)
      at += part.length
    }
    return {
      fin: (this.#first & 0x80) !== 0,
      rsv: (this.#first & 0x70) >> 4,
      opcode: this.#first & 0x0f,
      masked: (this.#second & 0x80) !== 0,
      payloadLength: this.#payloadLength,
      headerLength: this.#headerLength,
      raw,
    }
  }

  #readHeaderByte(byte: number): void {
    this.#header?.push(byte)
    const at = this.#headerFill++
    if (at === 0) this.#first = byte
    else if (at === 1) {
      this.#second = byte
      const length7 = byte & 0x7f
      this.#payloadLength = extendedBytes(length7) > 0 ? 0 : length7
      this.#headerLength = 2 + extendedBytes(length7) + (byte & 0x80 ? 4 : 0)
    } else if (at < 2 + extendedBytes(this.#second & 0x7f)) {
      this.#payloadLength = this.#payloadLength * 256 + byte
    }
    // The masking key's bytes need no reading: the payload is never unmasked here.
    if (this.#headerFill < 2 || this.#headerFill < this.#headerLength) return
    this.#remaining = this.#payloadLength
    if (this.#remaining === 0) this.#emit()
  }

  #emit(): void {
    this.#onFrame(this)
    this.#headerFill = 0
    this.#remaining = -1
    if (this.#header) {
      this.#header = []
      this.#captured = []
      this.#capturedBytes = 0
    }
  }
}
