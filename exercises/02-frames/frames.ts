// Exercise 02-frames: encode and decode WebSocket frames (RFC 6455 §5.2).
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 02-frames`.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-------+-+-------------+-------------------------------+
// |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
// |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
// |N|V|V|V|       |S|             |   (if payload len==126/127)   |
// | |1|2|3|       |K|             |                               |
// +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
// |     Extended payload length continued, if payload len == 127  |
// + - - - - - - - - - - - - - - - +-------------------------------+
// |                               |Masking-key, if MASK set to 1  |
// +-------------------------------+-------------------------------+
// | Masking-key (continued)       |          Payload Data         |
// +-------------------------------- - - - - - - - - - - - - - - - +

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

/**
 * The bytes of one frame, using the shortest length encoding the payload allows.
 *
 *   encodeFrame({ opcode: 0x1, payload: new TextEncoder().encode('Hello') })
 *   // → 81 05 48 65 6c 6c 6f
 *   encodeFrame({ opcode: 0x1, payload: new TextEncoder().encode('Hello'),
 *                 maskKey: new Uint8Array([0x37, 0xfa, 0x21, 0x3d]) })
 *   // → 81 85 37 fa 21 3d 7f 9f 4d 51 58
 *
 * Traps:
 *  - 0–125 bytes: length in the 7-bit form; 126–65535: 126, then 16 bits; from 65536: 127, then
 *    64 bits. All multi-byte numbers are big-endian (network byte order);
 *  - masking XORs payload byte i with maskKey[i % 4] and must not change the caller's payload;
 *  - control frames (opcode 0x8–0xF) carry at most 125 bytes and always have FIN set: throw a
 *    FrameError with the matching code, as decodeFrame would; an unknown opcode throws too, and
 *    so does one above 0xF (UNKNOWN_OPCODE: it would spill into the RSV bits);
 *  - a maskKey that is not exactly 4 bytes is a RangeError;
 *  - with a maskKey, set the MASK bit in the 16- and 64-bit length forms too.
 */
export function encodeFrame(init: FrameInit): Uint8Array {
  // TODO(02-frames): your code here
  throw new Error(
    `TODO(02-frames): build the frame for opcode ${init.opcode} with ${init.payload.length} bytes`,
  )
}

/**
 * Reads the frame at the start of `bytes`: null while it is incomplete, otherwise the frame
 * (payload unmasked) and `length`, the number of bytes it took.
 *
 *   decodeFrame(Buffer.from('810548656c6c6f', 'hex'))
 *   // → { frame: { fin: true, opcode: 1, masked: false, payload: 'Hello' as bytes, … }, length: 7 }
 *   decodeFrame(Buffer.from('8105486c', 'hex'))  // → null: 2 of the 5 payload bytes are missing
 *
 * Traps:
 *  - return null (not a short payload) until header, mask key AND payload are all there;
 *  - `bytes` may be a view into a larger buffer: new DataView(bytes.buffer) alone ignores
 *    bytes.byteOffset;
 *  - unmask into a new array; the caller's bytes stay as they were;
 *  - read all 64 bits of a 64-bit length: 2^32 has its low half at 0;
 *  - a length in a longer form than needed (81 7e 00 05 …) is accepted;
 *  - throw FrameError as soon as the header breaks a rule: an RSV bit set (no extension here), a
 *    reserved opcode, a control frame with FIN = 0 or with 126/127 in its 7-bit length, a 64-bit
 *    length with its top bit set. Do not wait for the payload of a frame that is already wrong;
 *  - read the header field by field (first 2 bytes together, extended length, mask key) and
 *    check each field once all its bytes are there: null before that (one byte alone is null).
 */
export function decodeFrame(bytes: Uint8Array): { frame: Frame; length: number } | null {
  // TODO(02-frames): your code here
  throw new Error(`TODO(02-frames): decode the frame at the start of ${bytes.length} bytes`)
}
