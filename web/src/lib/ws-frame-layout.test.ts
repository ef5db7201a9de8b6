import { describe, expect, it } from 'vitest'
import { decodeFrame, fromHex } from './ws-frame.ts'
import { bitsOf, frameSegments } from './ws-frame-layout.ts'

describe('frameSegments', () => {
  it('cuts a masked 7-bit frame into flags, length, key and payload', () => {
    const frame = decodeFrame(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))
    expect(frame && frameSegments(frame)).toEqual([
      { kind: 'fin-rsv-opcode', start: 0, end: 1 },
      { kind: 'mask-length', start: 1, end: 2 },
      { kind: 'masking-key', start: 2, end: 6 },
      { kind: 'payload', start: 6, end: 11 },
    ])
  })

  it('gives the 16-bit extended length its own two bytes', () => {
    const bytes = new Uint8Array(4 + 256)
    bytes.set(fromHex('82 7E 01 00'))
    const frame = decodeFrame(bytes)
    expect(frame && frameSegments(frame).map((s) => [s.kind, s.end - s.start])).toEqual([
      ['fin-rsv-opcode', 1],
      ['mask-length', 1],
      ['extended-length', 2],
      ['payload', 256],
    ])
  })

  it('leaves out the payload of an empty ping', () => {
    const frame = decodeFrame(fromHex('89 00'))
    expect(frame && frameSegments(frame).map((s) => s.kind)).toEqual([
      'fin-rsv-opcode',
      'mask-length',
    ])
  })
})

describe('bitsOf', () => {
  it('draws a byte as two nibbles of bits', () => {
    expect(bitsOf(0x81)).toBe('1000 0001')
    expect(bitsOf(0x05)).toBe('0000 0101')
  })
})
