/** One WebSocket frame (RFC 6455 §5.2), with its payload already unmasked. */
export interface Frame {
  fin: boolean
  rsv1: boolean
  rsv2: boolean
  rsv3: boolean
  opcode: number
  masked: boolean
  maskKey?: Uint8Array
  payload: Uint8Array
}

/** What `encodeFrame` needs: `fin` defaults to true; a `maskKey` (4 bytes) masks the frame. */
export interface FrameInit {
  fin?: boolean
  opcode: number
  payload: Uint8Array
  maskKey?: Uint8Array
}

/** Stable codes of the protocol violations a frame can carry. */
export type FrameErrorCode =
  | 'RSV_WITHOUT_EXTENSION'
  | 'UNKNOWN_OPCODE'
  | 'CONTROL_FRAME_TOO_LONG'
  | 'FRAGMENTED_CONTROL_FRAME'
  | 'LENGTH_TOP_BIT_SET'

/** A frame that breaks RFC 6455: the connection must be closed with status 1002. */
export class FrameError extends Error {
  readonly code: FrameErrorCode

  constructor(code: FrameErrorCode, message: string) {
    super(message)
    this.name = 'FrameError'
    this.code = code
  }
}

/** 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong; the rest is reserved. */
const KNOWN_OPCODES = new Set([0x0, 0x1, 0x2, 0x8, 0x9, 0xa])
const MAX_7_BIT_LENGTH = 125
const MAX_16_BIT_LENGTH = 0xffff

function isControl(opcode: number): boolean {
  return (opcode & 0x8) !== 0
}

function checkOpcode(opcode: number, fin: boolean, payloadLength: number): void {
  if (!KNOWN_OPCODES.has(opcode)) {
    throw new FrameError('UNKNOWN_OPCODE', `opcode 0x${opcode.toString(16)} is reserved`)
  }
  if (!isControl(opcode)) return
  if (!fin) {
    throw new FrameError('FRAGMENTED_CONTROL_FRAME', 'a control frame must have FIN set')
  }
  if (payloadLength > MAX_7_BIT_LENGTH) {
    throw new FrameError(
      'CONTROL_FRAME_TOO_LONG',
      `a control frame carries at most 125 bytes, not ${payloadLength}`,
    )
  }
}

/** XORs byte i with key[i % 4] into a new array: masking and unmasking are the same operation. */
function applyMask(bytes: Uint8Array, maskKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) {
    out[i] = (bytes[i] ?? 0) ^ (maskKey[i % 4] ?? 0)
  }
  return out
}

/** The bytes of one frame, with the shortest length encoding the payload allows. */
export function encodeFrame({ fin = true, opcode, payload, maskKey }: FrameInit): Uint8Array {
  checkOpcode(opcode, fin, payload.length)
  if (maskKey !== undefined && maskKey.length !== 4) {
    throw new RangeError(`maskKey must be 4 bytes, not ${maskKey.length}`)
  }
  const extendedLengthBytes =
    payload.length <= MAX_7_BIT_LENGTH ? 0 : payload.length <= MAX_16_BIT_LENGTH ? 2 : 8
  const maskBytes = maskKey === undefined ? 0 : 4
  const headerLength = 2 + extendedLengthBytes + maskBytes
  const frame = new Uint8Array(headerLength + payload.length)
  const view = new DataView(frame.buffer)

  frame[0] = (fin ? 0x80 : 0) | opcode
  const maskBit = maskKey === undefined ? 0 : 0x80
  if (extendedLengthBytes === 0) {
    frame[1] = maskBit | payload.length
  } else if (extendedLengthBytes === 2) {
    frame[1] = maskBit | 126
    view.setUint16(2, payload.length)
  } else {
    frame[1] = maskBit | 127
    view.setBigUint64(2, BigInt(payload.length))
  }
  if (maskKey === undefined) {
    frame.set(payload, headerLength)
  } else {
    frame.set(maskKey, headerLength - 4)
    frame.set(applyMask(payload, maskKey), headerLength)
  }
  return frame
}

/**
 * Reads the frame at the start of `bytes`. Returns null while the frame is incomplete, otherwise
 * the frame and how many bytes it took. Throws FrameError as soon as the header breaks a rule.
 */
export function decodeFrame(bytes: Uint8Array): { frame: Frame; length: number } | null {
  if (bytes.length < 2) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const byte0 = bytes[0] ?? 0
  const byte1 = bytes[1] ?? 0
  const fin = (byte0 & 0x80) !== 0
  const rsv1 = (byte0 & 0x40) !== 0
  const rsv2 = (byte0 & 0x20) !== 0
  const rsv3 = (byte0 & 0x10) !== 0
  const opcode = byte0 & 0x0f
  const masked = (byte1 & 0x80) !== 0
  const lengthField = byte1 & 0x7f

  if (rsv1 || rsv2 || rsv3) {
    throw new FrameError('RSV_WITHOUT_EXTENSION', 'RSV bits must be 0: no extension was negotiated')
  }
  // 126 and 127 announce a longer length, which a control frame may not have: fail right here.
  checkOpcode(opcode, fin, lengthField)

  let offset = 2
  let payloadLength = lengthField
  if (lengthField === 126) {
    if (bytes.length < offset + 2) return null
    payloadLength = view.getUint16(offset)
    offset += 2
  } else if (lengthField === 127) {
    if (bytes.length < offset + 8) return null
    const high = view.getUint32(offset)
    if (high & 0x80000000) {
      throw new FrameError(
        'LENGTH_TOP_BIT_SET',
        'the most significant bit of a 64-bit length must be 0',
      )
    }
    payloadLength = high * 2 ** 32 + view.getUint32(offset + 4)
    offset += 8
  }

  let maskKey: Uint8Array | undefined
  if (masked) {
    if (bytes.length < offset + 4) return null
    maskKey = bytes.slice(offset, offset + 4)
    offset += 4
  }

  if (bytes.length < offset + payloadLength) return null
  const body = bytes.subarray(offset, offset + payloadLength)
  const payload = maskKey === undefined ? body.slice() : applyMask(body, maskKey)
  const frame: Frame = { fin, rsv1, rsv2, rsv3, opcode, masked, payload }
  if (maskKey !== undefined) frame.maskKey = maskKey
  return { frame, length: offset + payloadLength }
}
