import { describe, expect, it } from 'vitest'
import {
  decodeFrame,
  encodeFrame,
  FrameError,
  FrameStreamSplitter,
  fromHex,
  splitFrames,
  toHex,
} from './ws-frame.ts'

const text = (value: string) => new TextEncoder().encode(value)

describe('decodeFrame — the examples of RFC 6455 §5.7', () => {
  it('decodes a single-frame unmasked text message', () => {
    const frame = decodeFrame(fromHex('81 05 48 65 6c 6c 6f'))
    expect(frame).toMatchObject({
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      opcodeName: 'text',
      masked: false,
      maskingKey: null,
      payloadLength: 5,
      payloadLengthForm: '7-bit',
      headerLength: 2,
      totalLength: 7,
      text: 'Hello',
      violations: [],
    })
  })

  it('unmasks a single-frame masked text message with its masking key', () => {
    const frame = decodeFrame(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))
    expect(frame?.masked).toBe(true)
    expect(toHex(frame?.maskingKey ?? new Uint8Array())).toBe('37 fa 21 3d')
    expect(frame?.headerLength).toBe(6)
    expect(frame?.text).toBe('Hello')
    expect(toHex(frame?.raw ?? new Uint8Array())).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58')
  })

  it('decodes a fragmented unmasked text message: a non-final text frame then a final continuation', () => {
    const { frames, rest } = splitFrames(fromHex('01 03 48 65 6c 80 02 6c 6f'))
    expect(rest.length).toBe(0)
    expect(frames.map((f) => [f.fin, f.opcodeName, f.payloadLength])).toEqual([
      [false, 'text', 3],
      [true, 'continuation', 2],
    ])
    expect(frames[0]?.text).toBe('Hel')
    expect(new TextDecoder().decode(frames[1]?.payload)).toBe('lo')
  })

  it('decodes an unmasked ping carrying "Hello"', () => {
    const frame = decodeFrame(fromHex('89 05 48 65 6c 6c 6f'))
    expect(frame).toMatchObject({ opcode: 9, opcodeName: 'ping', masked: false, payloadLength: 5 })
    expect(new TextDecoder().decode(frame?.payload)).toBe('Hello')
  })

  it('decodes a masked pong answering that ping', () => {
    const frame = decodeFrame(fromHex('8a 85 37 fa 21 3d 7f 9f 4d 51 58'))
    expect(frame).toMatchObject({ opcode: 10, opcodeName: 'pong', masked: true, payloadLength: 5 })
    expect(new TextDecoder().decode(frame?.payload)).toBe('Hello')
  })

  it('reads a 256-byte binary payload length from the 16-bit form', () => {
    const bytes = new Uint8Array(4 + 256)
    bytes.set(fromHex('82 7E 01 00'))
    const frame = decodeFrame(bytes)
    expect(frame).toMatchObject({
      opcodeName: 'binary',
      payloadLength: 256,
      payloadLengthForm: '16-bit',
      headerLength: 4,
      totalLength: 260,
      violations: [],
    })
  })

  it('reads a 64 KiB binary payload length from the 64-bit form', () => {
    const bytes = new Uint8Array(10 + 65536)
    bytes.set(fromHex('82 7F 00 00 00 00 00 01 00 00'))
    const frame = decodeFrame(bytes)
    expect(frame).toMatchObject({
      payloadLength: 65536,
      payloadLengthForm: '64-bit',
      headerLength: 10,
      totalLength: 65546,
      violations: [],
    })
  })
})

describe('decodeFrame — close frames', () => {
  it('reads the status code and UTF-8 reason of an unmasked close (1000, "bye")', () => {
    const frame = decodeFrame(fromHex('88 05 03 e8 62 79 65'))
    expect(frame?.opcodeName).toBe('close')
    expect(frame?.close).toEqual({ code: 1000, reason: 'bye' })
  })

  it('reads a masked client close with code 1001 and no reason', () => {
    const frame = decodeFrame(
      encodeFrame({ opcode: 8, payload: fromHex('03 e9'), maskingKey: fromHex('01 02 03 04') }),
    )
    expect(toHex(frame?.raw ?? new Uint8Array())).toBe('88 82 01 02 03 04 02 eb')
    expect(frame?.close).toEqual({ code: 1001, reason: '' })
  })

  it('decodes an empty close frame without a status code', () => {
    const frame = decodeFrame(fromHex('88 00'))
    expect(frame?.close).toBeUndefined()
    expect(frame?.totalLength).toBe(2)
  })
})

describe('decodeFrame — incomplete and broken input', () => {
  it('returns null until the header, the extended length, the mask and the payload have all arrived', () => {
    const whole = fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58')
    for (let cut = 0; cut < whole.length; cut++) {
      expect(decodeFrame(whole.subarray(0, cut))).toBeNull()
    }
    expect(decodeFrame(fromHex('82 7E 01'))).toBeNull()
    expect(decodeFrame(fromHex('82 7F 00 00 00'))).toBeNull()
  })

  it('decodes the frame at an offset inside a larger buffer', () => {
    const frame = decodeFrame(fromHex('ff ff 81 05 48 65 6c 6c 6f'), 2)
    expect(frame?.text).toBe('Hello')
  })

  it('throws WS_ERR_INVALID_64BIT_LENGTH when the top bit of a 64-bit length is set', () => {
    const attempt = () => decodeFrame(fromHex('82 7F 80 00 00 00 00 00 00 00'))
    expect(attempt).toThrow(FrameError)
    expect(attempt).toThrow(/most significant bit/)
  })

  it('flags rule breaks instead of hiding them: fragmented ping, RSV1, 16-bit form for 5 bytes', () => {
    expect(decodeFrame(fromHex('09 00'))?.violations).toEqual(['control-frame-fragmented'])
    expect(decodeFrame(fromHex('c1 00'))?.violations).toEqual(['rsv-bit-without-extension'])
    expect(decodeFrame(fromHex('81 7e 00 05 48 65 6c 6c 6f'))?.violations).toEqual([
      'non-minimal-length',
    ])
    expect(decodeFrame(fromHex('83 00'))?.violations).toEqual(['reserved-opcode'])
  })

  it('leaves text undefined for a text frame whose bytes are not valid UTF-8', () => {
    expect(decodeFrame(fromHex('81 01 ff'))?.text).toBeUndefined()
  })
})

describe('splitting a byte stream', () => {
  it('keeps the bytes of an unfinished frame as rest', () => {
    const { frames, rest } = splitFrames(fromHex('89 00 81 05 48 65'))
    expect(frames.map((f) => f.opcodeName)).toEqual(['ping'])
    expect(toHex(rest)).toBe('81 05 48 65')
  })

  it('yields frames across chunks cut at any byte', () => {
    const stream = fromHex(
      '81 05 48 65 6c 6c 6f 89 00 8a 85 37 fa 21 3d 7f 9f 4d 51 58 88 02 03 e8',
    )
    const splitter = new FrameStreamSplitter()
    const names: string[] = []
    for (const byte of stream) {
      for (const frame of splitter.push(Uint8Array.of(byte))) names.push(frame.opcodeName)
    }
    expect(names).toEqual(['text', 'ping', 'pong', 'close'])
    expect(splitter.pendingBytes).toBe(0)
  })
})

describe('encodeFrame', () => {
  it('reproduces the masked "Hello" of §5.7 byte for byte', () => {
    const bytes = encodeFrame({
      opcode: 1,
      payload: text('Hello'),
      maskingKey: fromHex('37 fa 21 3d'),
    })
    expect(toHex(bytes)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58')
  })

  it('picks the minimal length form: 7-bit to 125, 16-bit to 65535, 64-bit above', () => {
    const form = (n: number) =>
      decodeFrame(encodeFrame({ opcode: 2, payload: new Uint8Array(n) }))?.payloadLengthForm
    expect([form(125), form(126), form(65535), form(65536)]).toEqual([
      '7-bit',
      '16-bit',
      '16-bit',
      '64-bit',
    ])
  })
})

describe('hex helpers', () => {
  it('round-trips bytes through spaced lower-case hex', () => {
    expect(toHex(fromHex('81057E'))).toBe('81 05 7e')
  })

  it('rejects an odd number of hex digits with a sentence', () => {
    expect(() => fromHex('810')).toThrow(/pairs of hex digits/)
  })
})
