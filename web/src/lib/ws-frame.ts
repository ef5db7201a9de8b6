/** RFC 6455 §5.2 opcode names; reserved codes keep their number visible. */
export type OpcodeName =
  | 'continuation'
  | 'text'
  | 'binary'
  | 'close'
  | 'ping'
  | 'pong'
  | 'reserved-data'
  | 'reserved-control'

/** Which of the three payload-length encodings of §5.2 the frame used. */
export type PayloadLengthForm = '7-bit' | '16-bit' | '64-bit'

/** Rule breaks a receiver must fail the connection for; shown, not thrown, so learners see them. */
export type FrameViolation =
  | 'rsv-bit-without-extension'
  | 'reserved-opcode'
  | 'control-frame-fragmented'
  | 'control-frame-too-long'
  | 'non-minimal-length'
  | 'close-payload-of-one-byte'

/** Everything the frame inspector shows about one frame. */
export interface DecodedFrame {
  fin: boolean
  rsv1: boolean
  rsv2: boolean
  rsv3: boolean
  opcode: number
  opcodeName: OpcodeName
  masked: boolean
  payloadLength: number
  payloadLengthForm: PayloadLengthForm
  maskingKey: Uint8Array | null
  /** Unmasked. */
  payload: Uint8Array
  headerLength: number
  totalLength: number
  /** The frame exactly as on the wire (still masked). */
  raw: Uint8Array
  /** The payload as UTF-8 for text frames (and close reasons) when it is valid UTF-8. */
  text?: string
  /** Close frames with a payload: the status code and the reason. */
  close?: { code: number; reason: string }
  violations: FrameViolation[]
}

export class FrameError extends Error {
  readonly code: 'WS_ERR_INVALID_64BIT_LENGTH' | 'WS_ERR_UNSAFE_LENGTH'
  constructor(code: FrameError['code'], message: string) {
    super(message)
    this.name = 'FrameError'
    this.code = code
  }
}

export function opcodeName(opcode: number): OpcodeName {
  switch (opcode) {
    case 0x0:
      return 'continuation'
    case 0x1:
      return 'text'
    case 0x2:
      return 'binary'
    case 0x8:
      return 'close'
    case 0x9:
      return 'ping'
    case 0xa:
      return 'pong'
    default:
      return opcode < 0x8 ? 'reserved-data' : 'reserved-control'
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Decodes the frame that starts at `offset`, or returns `null` while its bytes are incomplete.
 * Throws a FrameError only for lengths no receiver could accept (64-bit with the top bit set, or
 * beyond what a JavaScript number holds exactly).
 */
export function decodeFrame(bytes: Uint8Array, offset = 0): DecodedFrame | null {
  // GET_INFO: two bytes, FIN/RSV/opcode then MASK/7-bit length.
  if (bytes.length - offset < 2) return null
  const first = bytes[offset] as number
  const second = bytes[offset + 1] as number
  const opcode = first & 0x0f
  const masked = (second & 0x80) !== 0
  const length7 = second & 0x7f
  let cursor = offset + 2

  // GET_PAYLOAD_LENGTH_16 / GET_PAYLOAD_LENGTH_64
  let payloadLength = length7
  let payloadLengthForm: PayloadLengthForm = '7-bit'
  if (length7 === 126) {
    if (bytes.length - cursor < 2) return null
    payloadLength = ((bytes[cursor] as number) << 8) | (bytes[cursor + 1] as number)
    payloadLengthForm = '16-bit'
    cursor += 2
  } else if (length7 === 127) {
    if (bytes.length - cursor < 8) return null
    const view = new DataView(bytes.buffer, bytes.byteOffset + cursor, 8)
    const high = view.getUint32(0)
    const low = view.getUint32(4)
    if (high & 0x80000000) {
      throw new FrameError(
        'WS_ERR_INVALID_64BIT_LENGTH',
        'a 64-bit payload length must have its most significant bit set to 0',
      )
    }
    if (high > 0x1fffff) {
      throw new FrameError('WS_ERR_UNSAFE_LENGTH', `payload length ${high}·2³²+${low} is too large`)
    }
    payloadLength = high * 2 ** 32 + low
    payloadLengthForm = '64-bit'
    cursor += 8
  }

  // GET_MASK
  let maskingKey: Uint8Array | null = null
  if (masked) {
    if (bytes.length - cursor < 4) return null
    maskingKey = bytes.slice(cursor, cursor + 4)
    cursor += 4
  }

  // GET_DATA
  const headerLength = cursor - offset
  if (bytes.length - cursor < payloadLength) return null
  const payload = bytes.slice(cursor, cursor + payloadLength)
  if (maskingKey) {
    for (let i = 0; i < payload.length; i++) {
      payload[i] = (payload[i] as number) ^ (maskingKey[i % 4] as number)
    }
  }

  const frame: DecodedFrame = {
    fin: (first & 0x80) !== 0,
    rsv1: (first & 0x40) !== 0,
    rsv2: (first & 0x20) !== 0,
    rsv3: (first & 0x10) !== 0,
    opcode,
    opcodeName: opcodeName(opcode),
    masked,
    payloadLength,
    payloadLengthForm,
    maskingKey,
    payload,
    headerLength,
    totalLength: headerLength + payloadLength,
    raw: bytes.slice(offset, cursor + payloadLength),
    violations: [],
  }
  describePayload(frame)
  frame.violations = findViolations(frame)
  return frame
}

function describePayload(frame: DecodedFrame): void {
  if (frame.opcode === 0x1) {
    const text = utf8OrUndefined(frame.payload)
    if (text !== undefined) frame.text = text
  }
  if (frame.opcode === 0x8 && frame.payload.length >= 2) {
    const code = ((frame.payload[0] as number) << 8) | (frame.payload[1] as number)
    frame.close = { code, reason: utf8OrUndefined(frame.payload.subarray(2)) ?? '' }
  }
}

function findViolations(frame: DecodedFrame): FrameViolation[] {
  const violations: FrameViolation[] = []
  const isControl = frame.opcode >= 0x8
  // No extension is negotiated in this lab (permessage-deflate is off), so any RSV bit is an error.
  if (frame.rsv1 || frame.rsv2 || frame.rsv3) violations.push('rsv-bit-without-extension')
  if (frame.opcodeName.startsWith('reserved')) violations.push('reserved-opcode')
  if (isControl && !frame.fin) violations.push('control-frame-fragmented')
  if (isControl && frame.payloadLength > 125) violations.push('control-frame-too-long')
  const minimal =
    frame.payloadLength < 126 ? '7-bit' : frame.payloadLength < 65536 ? '16-bit' : '64-bit'
  if (frame.payloadLengthForm !== minimal) violations.push('non-minimal-length')
  if (frame.opcode === 0x8 && frame.payloadLength === 1)
    violations.push('close-payload-of-one-byte')
  return violations
}

/** Splits bytes into whole frames; `rest` holds the bytes of a frame that has not fully arrived. */
export function splitFrames(bytes: Uint8Array): { frames: DecodedFrame[]; rest: Uint8Array } {
  const frames: DecodedFrame[] = []
  let offset = 0
  for (;;) {
    const frame = decodeFrame(bytes, offset)
    if (!frame) break
    frames.push(frame)
    offset += frame.totalLength
  }
  return { frames, rest: bytes.slice(offset) }
}

/** Feeds chunks as they arrive (a TCP read can end mid-frame) and yields whole frames. */
export class FrameStreamSplitter {
  #pending: Uint8Array = new Uint8Array(0)

  push(chunk: Uint8Array): DecodedFrame[] {
    const joined = new Uint8Array(this.#pending.length + chunk.length)
    joined.set(this.#pending)
    joined.set(chunk, this.#pending.length)
    const { frames, rest } = splitFrames(joined)
    this.#pending = rest
    return frames
  }

  get pendingBytes(): number {
    return this.#pending.length
  }
}

export interface FrameToEncode {
  opcode: number
  payload: Uint8Array
  fin?: boolean
  /** Four bytes; clients must mask (§5.3), servers must not. */
  maskingKey?: Uint8Array
}

/** Builds one frame with the minimal length form (for the tests). */
export function encodeFrame({
  opcode,
  payload,
  fin = true,
  maskingKey,
}: FrameToEncode): Uint8Array {
  const length = payload.length
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8
  const header = new Uint8Array(2 + lengthBytes + (maskingKey ? 4 : 0))
  header[0] = (fin ? 0x80 : 0) | (opcode & 0x0f)
  header[1] = (maskingKey ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127)
  const view = new DataView(header.buffer)
  if (lengthBytes === 2) view.setUint16(2, length)
  if (lengthBytes === 8) {
    view.setUint32(2, Math.floor(length / 2 ** 32))
    view.setUint32(6, length >>> 0)
  }
  const frame = new Uint8Array(header.length + length)
  frame.set(header)
  if (maskingKey) {
    frame.set(maskingKey, 2 + lengthBytes)
    for (let i = 0; i < length; i++) {
      frame[header.length + i] = (payload[i] as number) ^ (maskingKey[i % 4] as number)
    }
  } else {
    frame.set(payload, header.length)
  }
  return frame
}

/** `Uint8Array([0x81, 0x05])` → `"81 05"`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ')
}

/** `"81 05 48"` or `"810548"` → bytes. */
export function fromHex(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '')
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) {
    throw new Error(`hex must be pairs of hex digits, got "${hex.slice(0, 40)}"`)
  }
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16))
}
