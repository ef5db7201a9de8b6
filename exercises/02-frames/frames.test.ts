import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, FrameError, type FrameErrorCode } from './frames.ts'

/** Wire bytes written as hex, spaces allowed: wire('81 05 48 65 6c 6c 6f'). */
function wire(hexBytes: string): Uint8Array {
  return new Uint8Array(Buffer.from(hexBytes.replaceAll(' ', ''), 'hex'))
}

/** Bytes as the task writes them: '81 05 48 65 6c 6c 6f'. */
function spaced(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ')
}

/** Long byte strings cut to their start, so a failure message stays readable. */
function short(bytes: Uint8Array): string {
  return bytes.length <= 24
    ? spaced(bytes)
    : `${spaced(bytes.subarray(0, 16))} … (${bytes.length} bytes)`
}

/** n bytes 00 01 02 … ff 00 01 …, so a payload shifted by one byte shows. */
function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 0xff)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}

/** A value as a failure message should show it: byte arrays in hex, objects field by field. */
function show(value: unknown): string {
  if (value instanceof Uint8Array) return `<${short(value)}>`
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([name, field]) => `${name}: ${show(field)}`)
    return `{ ${fields.join(', ')} }`
  }
  return inspect(value)
}

/** What a call did: "returned null", "returned <81 05 …>", "threw FrameError UNKNOWN_OPCODE", … */
function outcome(call: () => unknown): string {
  try {
    return `returned ${show(call())}`
  } catch (error) {
    if (error instanceof FrameError) return `threw FrameError ${error.code}`
    return error instanceof Error
      ? `threw ${error.name}: ${error.message}`
      : `threw ${inspect(error)}`
  }
}

/** "none", or where `actual` first differs from `expected`: a 64 KiB diff would tell nothing. */
function firstDifference(actual: unknown, expected: Uint8Array): string {
  if (!(actual instanceof Uint8Array)) return `not a Uint8Array but ${inspect(actual)}`
  const index = expected.findIndex((byte, i) => actual[i] !== byte)
  if (index >= 0) {
    const [got, wanted] = [actual[index], expected[index]].map((byte) =>
      byte === undefined ? 'missing' : `0x${byte.toString(16).padStart(2, '0')}`,
    )
    return `byte ${index} is ${got} instead of ${wanted} (${actual.length} bytes in all)`
  }
  return actual.length === expected.length
    ? 'none'
    : `${actual.length} bytes instead of ${expected.length}`
}

/** The decoded frame, or a failure that says what decodeFrame did instead. */
function decodeOrFail(bytes: Uint8Array): NonNullable<ReturnType<typeof decodeFrame>> {
  let result: ReturnType<typeof decodeFrame> | undefined
  const did = outcome(() => {
    result = decodeFrame(bytes)
    return result
  })
  if (result === null || typeof result !== 'object') {
    throw new Error(`decodeFrame(${short(bytes)}) ${did}, not a frame`)
  }
  return result
}

/** The decoded frame field by field, byte arrays in hex: a failure shows which field differs. */
function decoded(bytes: Uint8Array) {
  const { frame, length } = decodeOrFail(bytes)
  const hexOr = (value: unknown) => (value instanceof Uint8Array ? spaced(value) : value)
  return {
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    masked: frame.masked,
    maskKey: hexOr(frame.maskKey),
    payload: hexOr(frame.payload),
    length,
  }
}

/** An unmasked final frame with no RSV bit, in the field order of `decoded`: override the rest. */
const CLEAR = {
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode: 0x0,
  masked: false,
  maskKey: undefined,
  payload: '',
  length: 0,
}

function expectFrameError(bytes: Uint8Array, code: FrameErrorCode): void {
  expect(
    outcome(() => decodeFrame(bytes)),
    `decodeFrame(${short(bytes)})`,
  ).toBe(`threw FrameError ${code}`)
}

function expectNull(bytes: Uint8Array, what: string): void {
  expect(
    outcome(() => decodeFrame(bytes)),
    `decodeFrame(${what}: ${short(bytes)})`,
  ).toBe('returned null')
}

function masked(payload: Uint8Array, maskKey: Uint8Array): Uint8Array {
  return payload.map((byte, i) => byte ^ (maskKey[i % 4] ?? 0))
}

const HELLO = new TextEncoder().encode('Hello')
const MASK_KEY = wire('37 fa 21 3d')

describe('decodeFrame', () => {
  it('parses the RFC 6455 §5.7 unmasked text frame "Hello"', () => {
    expect(decoded(wire('81 05 48 65 6c 6c 6f'))).toEqual({
      ...CLEAR,
      opcode: 0x1,
      payload: '48 65 6c 6c 6f',
      length: 7,
    })
  })

  it('parses the RFC 6455 §5.7 masked "Hello" and returns the payload unmasked', () => {
    expect(decoded(wire('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual({
      ...CLEAR,
      opcode: 0x1,
      masked: true,
      maskKey: '37 fa 21 3d',
      payload: '48 65 6c 6c 6f',
      length: 11,
    })
  })

  it('parses the RFC 6455 §5.7 fragmented "Hel" + "lo", ping and masked pong', () => {
    expect(decoded(wire('01 03 48 65 6c'))).toEqual({
      ...CLEAR,
      fin: false,
      opcode: 0x1,
      payload: '48 65 6c',
      length: 5,
    })
    expect(decoded(wire('80 02 6c 6f'))).toEqual({
      ...CLEAR,
      opcode: 0x0,
      payload: '6c 6f',
      length: 4,
    })
    expect(decoded(wire('89 05 48 65 6c 6c 6f'))).toEqual({
      ...CLEAR,
      opcode: 0x9,
      payload: '48 65 6c 6c 6f',
      length: 7,
    })
    expect(decoded(wire('8a 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual({
      ...CLEAR,
      opcode: 0xa,
      masked: true,
      maskKey: '37 fa 21 3d',
      payload: '48 65 6c 6c 6f',
      length: 11,
    })
  })

  it('parses close frames, empty and with the status code 1000 (03 e8)', () => {
    expect(decoded(wire('88 00'))).toEqual({ ...CLEAR, opcode: 0x8, payload: '', length: 2 })
    expect(decoded(wire('88 02 03 e8'))).toEqual({
      ...CLEAR,
      opcode: 0x8,
      payload: '03 e8',
      length: 4,
    })
  })

  it('parses the RFC 6455 §5.7 256-byte binary frame with a 16-bit length', () => {
    const { frame, length } = decodeOrFail(concat(wire('82 7e 01 00'), counting(256)))
    expect({ opcode: frame.opcode, length }).toEqual({ opcode: 0x2, length: 4 + 256 })
    expect(firstDifference(frame.payload, counting(256)), 'payload').toBe('none')
  })

  it('parses the RFC 6455 §5.7 64 KiB binary frame with a 64-bit length', () => {
    const { frame, length } = decodeOrFail(
      concat(wire('82 7f 00 00 00 00 00 01 00 00'), counting(65536)),
    )
    expect(length, 'length').toBe(10 + 65536)
    expect(firstDifference(frame.payload, counting(65536)), 'payload').toBe('none')
  })

  it('reads 125 from the 7-bit field and 65535 from the 16-bit field', () => {
    expect(decodeOrFail(concat(wire('82 7d'), counting(125))).length, '82 7d + 125 bytes').toBe(
      2 + 125,
    )
    const ping = decodeOrFail(concat(wire('89 7d'), counting(125)))
    expect(firstDifference(ping.frame.payload, counting(125)), 'ping payload').toBe('none')
    const big = decodeOrFail(concat(wire('82 7e ff ff'), counting(65535)))
    expect(big.length, '82 7e ff ff + 65535 bytes').toBe(4 + 65535)
    expect(firstDifference(big.frame.payload, counting(65535)), 'payload').toBe('none')
  })

  it('accepts a length written in a longer form than needed', () => {
    expect(decoded(wire('81 7e 00 05 48 65 6c 6c 6f'))).toEqual({
      ...CLEAR,
      opcode: 0x1,
      payload: '48 65 6c 6c 6f',
      length: 9,
    })
    expect(decoded(wire('82 7f 00 00 00 00 00 00 00 03 01 02 03'))).toEqual({
      ...CLEAR,
      opcode: 0x2,
      payload: '01 02 03',
      length: 13,
    })
  })

  it('returns null until every byte of the frame has arrived', () => {
    const frames = [
      wire('81 85 37 fa 21 3d 7f 9f 4d 51 58'),
      concat(wire('82 fe 00 7e 01 02 03 04'), counting(126)),
      concat(wire('82 7f 00 00 00 00 00 01 00 00'), counting(65536)),
    ]
    for (const whole of frames) {
      for (const cut of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, whole.length - 1]) {
        expectNull(whole.subarray(0, cut), `the first ${cut} of ${whole.length} bytes`)
      }
    }
  })

  it('reads all 64 bits of the length: a frame of 2³² bytes or more is incomplete, not short', () => {
    expectNull(concat(wire('82 7f 00 00 00 01 00 00 00 00'), HELLO), '2³² bytes announced')
    expectNull(concat(wire('82 7f 00 00 00 01 00 00 00 05'), HELLO), '2³² + 5 bytes announced')
  })

  it('reports its own length and ignores what follows, even inside a larger buffer', () => {
    const second = concat(wire('82 fe 00 80'), MASK_KEY, masked(counting(128), MASK_KEY))
    const stream = concat(wire('81 05 48 65 6c 6c 6f'), second, HELLO)
    expect(decoded(stream)).toEqual({
      ...CLEAR,
      opcode: 0x1,
      payload: '48 65 6c 6c 6f',
      length: 7,
    })
    // A subarray shares the stream's memory: it starts 7 bytes into the same ArrayBuffer.
    const { frame, length } = decodeOrFail(stream.subarray(7))
    expect(
      { length, maskKey: frame.maskKey && spaced(frame.maskKey) },
      'the masked frame 7 bytes into the buffer',
    ).toEqual({ length: 4 + 4 + 128, maskKey: '37 fa 21 3d' })
    expect(firstDifference(frame.payload, counting(128)), 'its payload').toBe('none')
  })

  it('leaves the input bytes untouched when unmasking', () => {
    const bytes = wire('81 85 37 fa 21 3d 7f 9f 4d 51 58')
    decodeFrame(bytes)
    expect(spaced(bytes)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58')
  })
})

describe('decodeFrame protocol errors', () => {
  it('throws RSV_WITHOUT_EXTENSION when RSV1, RSV2 or RSV3 is set, from the first 2 bytes on', () => {
    for (const firstByte of ['c1', 'a1', '91']) {
      expectFrameError(wire(`${firstByte} 05`), 'RSV_WITHOUT_EXTENSION')
      expectFrameError(wire(`${firstByte} 05 48 65 6c 6c 6f`), 'RSV_WITHOUT_EXTENSION')
    }
  })

  it('throws UNKNOWN_OPCODE for the reserved opcodes 0x3–0x7 and 0xB–0xF', () => {
    for (const opcode of ['3', '4', '5', '6', '7', 'b', 'c', 'd', 'e', 'f']) {
      expectFrameError(wire(`8${opcode} 00`), 'UNKNOWN_OPCODE')
      expectFrameError(wire(`8${opcode} 05`), 'UNKNOWN_OPCODE')
    }
    expectFrameError(wire('83 85 37 fa'), 'UNKNOWN_OPCODE')
  })

  it('throws CONTROL_FRAME_TOO_LONG for a ping announcing 126 bytes, before they arrive', () => {
    expectFrameError(wire('89 7e'), 'CONTROL_FRAME_TOO_LONG')
    expectFrameError(wire('89 7e 00 7e'), 'CONTROL_FRAME_TOO_LONG')
    expectFrameError(wire('8a ff'), 'CONTROL_FRAME_TOO_LONG')
    expectFrameError(concat(wire('88 7e 00 7e'), counting(126)), 'CONTROL_FRAME_TOO_LONG')
  })

  it('throws CONTROL_FRAME_TOO_LONG when a control frame uses the 16-bit form, even for 5 bytes', () => {
    expectFrameError(wire('89 7e 00 05 48 65 6c 6c 6f'), 'CONTROL_FRAME_TOO_LONG')
  })

  it('throws FRAGMENTED_CONTROL_FRAME for a control frame with FIN = 0', () => {
    expectFrameError(wire('09 00'), 'FRAGMENTED_CONTROL_FRAME')
    expectFrameError(wire('08 02'), 'FRAGMENTED_CONTROL_FRAME')
    expectFrameError(wire('08 02 03 e8'), 'FRAGMENTED_CONTROL_FRAME')
    expectFrameError(wire('0a 85'), 'FRAGMENTED_CONTROL_FRAME')
  })

  it('throws LENGTH_TOP_BIT_SET for a 64-bit length with its most significant bit set', () => {
    expectFrameError(wire('82 7f 80 00 00 00 00 00 00 00'), 'LENGTH_TOP_BIT_SET')
    expectFrameError(wire('82 7f ff ff ff ff ff ff ff ff'), 'LENGTH_TOP_BIT_SET')
    expectFrameError(wire('82 ff 80 00 00 00 00 00 00 05'), 'LENGTH_TOP_BIT_SET')
  })

  it('returns null while the field that shows a violation is still incomplete', () => {
    for (const firstByte of ['c1', '83', '09']) expectNull(wire(firstByte), 'one byte')
    expectNull(wire('82 7f 80 00 00 00'), 'half a 64-bit length')
  })
})

describe('encodeFrame', () => {
  it('builds the RFC 6455 §5.7 unmasked frames: "Hello", its two fragments, a ping', () => {
    const frames = {
      hello: outcome(() => encodeFrame({ opcode: 0x1, payload: HELLO })),
      hel: outcome(() => encodeFrame({ fin: false, opcode: 0x1, payload: HELLO.subarray(0, 3) })),
      lo: outcome(() => encodeFrame({ opcode: 0x0, payload: HELLO.subarray(3) })),
      ping: outcome(() => encodeFrame({ opcode: 0x9, payload: HELLO })),
    }
    expect(frames).toEqual({
      hello: 'returned <81 05 48 65 6c 6c 6f>',
      hel: 'returned <01 03 48 65 6c>',
      lo: 'returned <80 02 6c 6f>',
      ping: 'returned <89 05 48 65 6c 6c 6f>',
    })
  })

  it('builds the RFC 6455 §5.7 masked "Hello" and pong with mask key 37 fa 21 3d', () => {
    const frames = {
      text: outcome(() => encodeFrame({ opcode: 0x1, payload: HELLO, maskKey: MASK_KEY })),
      pong: outcome(() => encodeFrame({ opcode: 0xa, payload: HELLO, maskKey: MASK_KEY })),
    }
    expect(frames).toEqual({
      text: 'returned <81 85 37 fa 21 3d 7f 9f 4d 51 58>',
      pong: 'returned <8a 85 37 fa 21 3d 7f 9f 4d 51 58>',
    })
  })

  it('switches from the 7-bit to the 16-bit length at 126 bytes', () => {
    const at125 = encodeFrame({ opcode: 0x2, payload: counting(125) })
    expect(short(at125), '125 bytes').toBe(
      `82 7d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d … (127 bytes)`,
    )
    const at126 = encodeFrame({ opcode: 0x2, payload: counting(126) })
    expect(short(at126), '126 bytes').toBe(
      `82 7e 00 7e 00 01 02 03 04 05 06 07 08 09 0a 0b … (130 bytes)`,
    )
    const rfc256 = encodeFrame({ opcode: 0x2, payload: counting(256) })
    expect(short(rfc256.subarray(0, 4)), '256 bytes').toBe('82 7e 01 00')
    expect(firstDifference(rfc256.subarray(4), counting(256)), 'payload of 256 bytes').toBe('none')
  })

  it('switches from the 16-bit to the 64-bit length at 65536 bytes', () => {
    const at65535 = encodeFrame({ opcode: 0x2, payload: counting(65535) })
    expect(short(at65535.subarray(0, 4)), '65535 bytes').toBe('82 7e ff ff')
    expect(at65535.length, 'frame of 65535 bytes').toBe(4 + 65535)
    const at65536 = encodeFrame({ opcode: 0x2, payload: counting(65536) })
    expect(short(at65536.subarray(0, 10)), '65536 bytes').toBe('82 7f 00 00 00 00 00 01 00 00')
    expect(firstDifference(at65536.subarray(10), counting(65536)), 'payload').toBe('none')
  })

  it('masks frames of every length form: MASK bit, then the key after the extended length', () => {
    for (const [size, header] of [
      [126, '82 fe 00 7e'],
      [65536, '82 ff 00 00 00 00 00 01 00 00'],
    ] as const) {
      const frame = encodeFrame({ opcode: 0x2, payload: counting(size), maskKey: MASK_KEY })
      const headerLength = (header.length + 1) / 3
      expect(short(frame.subarray(0, headerLength + 4)), `${size} bytes, masked`).toBe(
        `${header} 37 fa 21 3d`,
      )
      expect(
        firstDifference(frame.subarray(headerLength + 4), masked(counting(size), MASK_KEY)),
        `masked payload of ${size} bytes`,
      ).toBe('none')
    }
  })

  it("leaves the caller's payload untouched when masking", () => {
    const payload = new TextEncoder().encode('Hello')
    encodeFrame({ opcode: 0x1, payload, maskKey: MASK_KEY })
    expect(spaced(payload), 'the payload after encodeFrame').toBe('48 65 6c 6c 6f')
  })

  it('throws a RangeError for a maskKey that is not exactly 4 bytes', () => {
    const attempts = {
      '3 bytes': outcome(() =>
        encodeFrame({ opcode: 0x1, payload: HELLO, maskKey: wire('37 fa 21') }),
      ),
      '5 bytes': outcome(() =>
        encodeFrame({ opcode: 0x1, payload: HELLO, maskKey: wire('37 fa 21 3d 00') }),
      ),
      '0 bytes': outcome(() => encodeFrame({ opcode: 0x1, payload: HELLO, maskKey: wire('') })),
    }
    for (const [size, what] of Object.entries(attempts)) {
      expect(what, `encodeFrame with a maskKey of ${size}`).toMatch(/^threw RangeError\b/)
    }
  })

  it('refuses to build frames that decodeFrame would reject', () => {
    const attempts = {
      'ping of 126 bytes': outcome(() => encodeFrame({ opcode: 0x9, payload: counting(126) })),
      'close with FIN = 0': outcome(() =>
        encodeFrame({ fin: false, opcode: 0x8, payload: new Uint8Array() }),
      ),
      'opcode 0x3': outcome(() => encodeFrame({ opcode: 0x3, payload: HELLO })),
      'opcode 0xB': outcome(() => encodeFrame({ opcode: 0xb, payload: HELLO })),
      'opcode 0x10': outcome(() => encodeFrame({ opcode: 0x10, payload: HELLO })),
    }
    expect(attempts).toEqual({
      'ping of 126 bytes': 'threw FrameError CONTROL_FRAME_TOO_LONG',
      'close with FIN = 0': 'threw FrameError FRAGMENTED_CONTROL_FRAME',
      'opcode 0x3': 'threw FrameError UNKNOWN_OPCODE',
      'opcode 0xB': 'threw FrameError UNKNOWN_OPCODE',
      'opcode 0x10': 'threw FrameError UNKNOWN_OPCODE',
    })
  })
})
