import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, FrameError, type FrameErrorCode } from './frames.ts'

/** Wire bytes written as hex, spaces allowed: wire('81 05 48 65 6c 6c 6f'). */
function wire(hexBytes: string): Uint8Array {
  return new Uint8Array(Buffer.from(hexBytes.replaceAll(' ', ''), 'hex'))
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/** n bytes 00 01 02 … ff 00 01 …, so a payload shifted by one byte shows. */
function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 0xff)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}

function decodeOrFail(bytes: Uint8Array) {
  const decoded = decodeFrame(bytes)
  if (decoded === null) throw new Error(`decodeFrame returned null for ${hex(bytes)}`)
  return decoded
}

function expectFrameError(bytes: Uint8Array, code: FrameErrorCode): void {
  let thrown: unknown
  try {
    decodeFrame(bytes)
  } catch (error) {
    thrown = error
  }
  expect(thrown, `decodeFrame(${hex(bytes)}) should throw`).toBeInstanceOf(FrameError)
  expect((thrown as FrameError).code).toBe(code)
}

const HELLO = new TextEncoder().encode('Hello')
const MASK_KEY = wire('37 fa 21 3d')

describe('decodeFrame', () => {
  it('parses the RFC 6455 §5.7 unmasked text frame "Hello"', () => {
    const { frame, length } = decodeOrFail(wire('81 05 48 65 6c 6c 6f'))
    expect(length).toBe(7)
    expect(frame.fin).toBe(true)
    expect([frame.rsv1, frame.rsv2, frame.rsv3]).toEqual([false, false, false])
    expect(frame.opcode).toBe(0x1)
    expect(frame.masked).toBe(false)
    expect(frame.maskKey).toBeUndefined()
    expect(text(frame.payload)).toBe('Hello')
  })

  it('parses the RFC 6455 §5.7 masked "Hello" and returns the payload unmasked', () => {
    const { frame, length } = decodeOrFail(wire('81 85 37 fa 21 3d 7f 9f 4d 51 58'))
    expect(length).toBe(11)
    expect(frame.masked).toBe(true)
    expect(hex(frame.maskKey ?? new Uint8Array())).toBe('37fa213d')
    expect(text(frame.payload)).toBe('Hello')
  })

  it('parses the RFC 6455 §5.7 fragmented "Hel" + "lo", ping and masked pong', () => {
    const first = decodeOrFail(wire('01 03 48 65 6c'))
    expect([first.frame.fin, first.frame.opcode, text(first.frame.payload)]).toEqual([
      false,
      0x1,
      'Hel',
    ])
    const last = decodeOrFail(wire('80 02 6c 6f'))
    expect([last.frame.fin, last.frame.opcode, text(last.frame.payload)]).toEqual([true, 0x0, 'lo'])
    const ping = decodeOrFail(wire('89 05 48 65 6c 6c 6f'))
    expect([ping.frame.opcode, text(ping.frame.payload)]).toEqual([0x9, 'Hello'])
    const pong = decodeOrFail(wire('8a 85 37 fa 21 3d 7f 9f 4d 51 58'))
    expect([pong.frame.opcode, pong.frame.masked, text(pong.frame.payload)]).toEqual([
      0xa,
      true,
      'Hello',
    ])
  })

  it('parses the RFC 6455 §5.7 256-byte binary frame with a 16-bit length', () => {
    const { frame, length } = decodeOrFail(concat(wire('82 7e 01 00'), counting(256)))
    expect(length).toBe(4 + 256)
    expect(frame.opcode).toBe(0x2)
    expect(hex(frame.payload)).toBe(hex(counting(256)))
  })

  it('parses the RFC 6455 §5.7 64 KiB binary frame with a 64-bit length', () => {
    const { frame, length } = decodeOrFail(
      concat(wire('82 7f 00 00 00 00 00 01 00 00'), counting(65536)),
    )
    expect(length).toBe(10 + 65536)
    expect(frame.payload).toHaveLength(65536)
    expect(hex(frame.payload)).toBe(hex(counting(65536)))
  })

  it('reads 125 from the 7-bit field and 65535 from the 16-bit field', () => {
    expect(decodeOrFail(concat(wire('82 7d'), counting(125))).length).toBe(2 + 125)
    expect(decodeOrFail(concat(wire('89 7d'), counting(125))).frame.payload).toHaveLength(125)
    const big = decodeOrFail(concat(wire('82 7e ff ff'), counting(65535)))
    expect(big.length).toBe(4 + 65535)
    expect(hex(big.frame.payload)).toBe(hex(counting(65535)))
  })

  it('returns null until every byte of the frame has arrived', () => {
    const frames = [
      wire('81 85 37 fa 21 3d 7f 9f 4d 51 58'),
      concat(wire('82 fe 00 7e 01 02 03 04'), counting(126)),
      concat(wire('82 7f 00 00 00 00 00 01 00 00'), counting(65536)),
    ]
    for (const whole of frames) {
      for (const cut of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, whole.length - 1]) {
        expect(decodeFrame(whole.subarray(0, cut)), `first ${cut} bytes of ${whole.length}`).toBe(
          null,
        )
      }
    }
  })

  it('reports its own length and ignores what follows, even inside a larger buffer', () => {
    const stream = concat(wire('81 05 48 65 6c 6c 6f'), wire('82 7e 00 80'), counting(128), HELLO)
    const first = decodeOrFail(stream)
    expect(first.length).toBe(7)
    expect(text(first.frame.payload)).toBe('Hello')
    // A subarray shares the stream's memory: it starts 7 bytes into the same ArrayBuffer.
    const second = decodeOrFail(stream.subarray(first.length))
    expect(second.length).toBe(4 + 128)
    expect(hex(second.frame.payload)).toBe(hex(counting(128)))
  })

  it('leaves the input bytes untouched when unmasking', () => {
    const bytes = wire('81 85 37 fa 21 3d 7f 9f 4d 51 58')
    decodeFrame(bytes)
    expect(hex(bytes)).toBe('818537fa213d7f9f4d5158')
  })
})

describe('decodeFrame protocol errors', () => {
  it('throws RSV_WITHOUT_EXTENSION when RSV1, RSV2 or RSV3 is set', () => {
    expectFrameError(wire('c1 05 48 65 6c 6c 6f'), 'RSV_WITHOUT_EXTENSION')
    expectFrameError(wire('a1 05 48 65 6c 6c 6f'), 'RSV_WITHOUT_EXTENSION')
    expectFrameError(wire('91 05 48 65 6c 6c 6f'), 'RSV_WITHOUT_EXTENSION')
  })

  it('throws UNKNOWN_OPCODE for the reserved opcodes 0x3–0x7 and 0xB–0xF', () => {
    for (const firstByte of ['83', '87', '8b', '8f']) {
      expectFrameError(wire(`${firstByte} 00`), 'UNKNOWN_OPCODE')
    }
  })

  it('throws CONTROL_FRAME_TOO_LONG for a ping announcing 126 bytes, before they arrive', () => {
    expectFrameError(wire('89 7e 00 7e'), 'CONTROL_FRAME_TOO_LONG')
    expectFrameError(concat(wire('88 7e 00 7e'), counting(126)), 'CONTROL_FRAME_TOO_LONG')
  })

  it('throws FRAGMENTED_CONTROL_FRAME for a control frame with FIN = 0', () => {
    expectFrameError(wire('09 00'), 'FRAGMENTED_CONTROL_FRAME')
    expectFrameError(wire('08 02 03 e8'), 'FRAGMENTED_CONTROL_FRAME')
  })

  it('throws LENGTH_TOP_BIT_SET for a 64-bit length with its most significant bit set', () => {
    expectFrameError(wire('82 7f 80 00 00 00 00 00 00 00'), 'LENGTH_TOP_BIT_SET')
    expectFrameError(wire('82 7f ff ff ff ff ff ff ff ff'), 'LENGTH_TOP_BIT_SET')
  })
})

describe('encodeFrame', () => {
  it('builds the RFC 6455 §5.7 unmasked frames: "Hello", its two fragments, a ping', () => {
    expect(hex(encodeFrame({ opcode: 0x1, payload: HELLO }))).toBe('810548656c6c6f')
    const hel = HELLO.subarray(0, 3)
    expect(hex(encodeFrame({ fin: false, opcode: 0x1, payload: hel }))).toBe('010348656c')
    expect(hex(encodeFrame({ opcode: 0x0, payload: HELLO.subarray(3) }))).toBe('80026c6f')
    expect(hex(encodeFrame({ opcode: 0x9, payload: HELLO }))).toBe('890548656c6c6f')
  })

  it('builds the RFC 6455 §5.7 masked "Hello" and pong with mask key 37 fa 21 3d', () => {
    expect(hex(encodeFrame({ opcode: 0x1, payload: HELLO, maskKey: MASK_KEY }))).toBe(
      '818537fa213d7f9f4d5158',
    )
    expect(hex(encodeFrame({ opcode: 0xa, payload: HELLO, maskKey: MASK_KEY }))).toBe(
      '8a8537fa213d7f9f4d5158',
    )
  })

  it('switches from the 7-bit to the 16-bit length at 126 bytes', () => {
    const at125 = encodeFrame({ opcode: 0x2, payload: counting(125) })
    expect(hex(at125.subarray(0, 2))).toBe('827d')
    expect(at125).toHaveLength(2 + 125)
    const at126 = encodeFrame({ opcode: 0x2, payload: counting(126) })
    expect(hex(at126.subarray(0, 4))).toBe('827e007e')
    expect(at126).toHaveLength(4 + 126)
    const rfc256 = encodeFrame({ opcode: 0x2, payload: counting(256) })
    expect(hex(rfc256.subarray(0, 4))).toBe('827e0100')
    expect(hex(rfc256.subarray(4))).toBe(hex(counting(256)))
  })

  it('switches from the 16-bit to the 64-bit length at 65536 bytes', () => {
    const at65535 = encodeFrame({ opcode: 0x2, payload: counting(65535) })
    expect(hex(at65535.subarray(0, 4))).toBe('827effff')
    expect(at65535).toHaveLength(4 + 65535)
    const at65536 = encodeFrame({ opcode: 0x2, payload: counting(65536) })
    expect(hex(at65536.subarray(0, 10))).toBe('827f0000000000010000')
    expect(at65536).toHaveLength(10 + 65536)
    expect(hex(at65536.subarray(10))).toBe(hex(counting(65536)))
  })

  it("leaves the caller's payload untouched when masking", () => {
    const payload = new TextEncoder().encode('Hello')
    encodeFrame({ opcode: 0x1, payload, maskKey: MASK_KEY })
    expect(text(payload)).toBe('Hello')
  })

  it('refuses to build control frames that decodeFrame would reject', () => {
    const attempts: [() => Uint8Array, FrameErrorCode][] = [
      [() => encodeFrame({ opcode: 0x9, payload: counting(126) }), 'CONTROL_FRAME_TOO_LONG'],
      [
        () => encodeFrame({ fin: false, opcode: 0x8, payload: new Uint8Array() }),
        'FRAGMENTED_CONTROL_FRAME',
      ],
      [() => encodeFrame({ opcode: 0x3, payload: HELLO }), 'UNKNOWN_OPCODE'],
    ]
    const codes = attempts.map(([attempt]) => {
      try {
        attempt()
        return 'no error'
      } catch (error) {
        return error instanceof FrameError ? error.code : String(error)
      }
    })
    expect(codes).toEqual(attempts.map(([, code]) => code))
  })
})
