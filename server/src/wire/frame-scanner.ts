/** One WebSocket frame seen on the wire. */
export interface ScannedFrame {
  fin: boolean
  rsv: number
  opcode: number
  masked: boolean
  payloadLength: number
  headerLength: number
  /** The first bytes of the frame as sent (header + start of the payload, still masked). */
  raw: Uint8Array
}

type State = 'HEADER' | 'PAYLOAD'

/**
 * Finds frame boundaries in one direction of a WebSocket byte stream, chunk by chunk, without
 * holding payloads: only the header and the first `captureBytes` of each frame are kept.
 */
export class FrameScanner {
  #state: State = 'HEADER'
  #header: number[] = []
  #frame: Omit<ScannedFrame, 'raw'> | undefined
  #remaining = 0
  #raw: number[] = []
  readonly #captureBytes: number
  readonly #onFrame: (frame: ScannedFrame) => void

  constructor(onFrame: (frame: ScannedFrame) => void, captureBytes = 0) {
    this.#onFrame = onFrame
    this.#captureBytes = captureBytes
  }

  push(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#state === 'HEADER') {
        const byte = chunk[offset++] as number
        this.#header.push(byte)
        this.#keep(byte)
        const frame = parseHeader(this.#header)
        if (!frame) continue
        this.#frame = frame
        this.#remaining = frame.payloadLength
        this.#header = []
        this.#state = 'PAYLOAD'
        if (this.#remaining === 0) this.#emit()
      } else {
        const take = Math.min(this.#remaining, chunk.length - offset)
        for (let i = 0; i < take && this.#raw.length < this.#captureBytes; i++) {
          this.#raw.push(chunk[offset + i] as number)
        }
        offset += take
        this.#remaining -= take
        if (this.#remaining === 0) this.#emit()
      }
    }
  }

  #keep(byte: number): void {
    if (this.#raw.length < Math.max(this.#captureBytes, 14)) this.#raw.push(byte)
  }

  #emit(): void {
    const frame = this.#frame as Omit<ScannedFrame, 'raw'>
    this.#onFrame({ ...frame, raw: Uint8Array.from(this.#raw) })
    this.#raw = []
    this.#frame = undefined
    this.#state = 'HEADER'
  }
}

/** The frame header if `bytes` holds all of it, else undefined (RFC 6455 §5.2). */
function parseHeader(bytes: number[]): Omit<ScannedFrame, 'raw'> | undefined {
  if (bytes.length < 2) return undefined
  const first = bytes[0] as number
  const second = bytes[1] as number
  const masked = (second & 0x80) !== 0
  const length7 = second & 0x7f
  const extendedBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0
  const headerLength = 2 + extendedBytes + (masked ? 4 : 0)
  if (bytes.length < headerLength) return undefined
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
