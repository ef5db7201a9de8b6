/** A text frame's opcode (RFC 6455 §5.2). */
const TEXT_OPCODE = 0x1

/**
 * One whole, final, unmasked text frame (RFC 6455 §5.2): what a server sends. Built once per
 * message for a whole room, it then goes to every socket as is, one write each.
 */
export function serverTextFrame(payload: Buffer): Buffer {
  const length = payload.length
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerLength + length)
  frame[0] = 0x80 | TEXT_OPCODE
  if (headerLength === 2) frame[1] = length
  else if (headerLength === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  payload.copy(frame, headerLength)
  return frame
}
