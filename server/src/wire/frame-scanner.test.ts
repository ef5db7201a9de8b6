import { describe, expect, it } from 'vitest'
import { FrameScanner, type ScannedFrame } from './frame-scanner.ts'

function scan(chunks: Buffer[], captureBytes = 0): ScannedFrame[] {
  const frames: ScannedFrame[] = []
  const scanner = new FrameScanner((found) => frames.push(found.describe()), captureBytes)
  for (const chunk of chunks) scanner.push(chunk)
  return frames
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex')

describe('FrameScanner (RFC 6455 §5.7 examples)', () => {
  it('finds an unmasked text frame "Hello"', () => {
    const [frame] = scan([hex('81 05 48 65 6c 6c 6f')])
    expect(frame).toMatchObject({
      fin: true,
      opcode: 1,
      masked: false,
      payloadLength: 5,
      headerLength: 2,
    })
  })

  it('finds a masked text frame even when split byte by byte', () => {
    const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58')
    const frames = scan(
      [...bytes].map((b) => Buffer.from([b])),
      64,
    )
    expect(frames).toHaveLength(1)
    expect(frames[0]).toMatchObject({ masked: true, payloadLength: 5, headerLength: 6 })
    expect(Buffer.from(frames[0]?.raw ?? []).equals(bytes)).toBe(true)
  })

  it('finds both parts of a fragmented message and a ping in one chunk', () => {
    const frames = scan([hex('01 03 48 65 6c  80 02 6c 6f  89 05 48 65 6c 6c 6f')])
    expect(frames.map((f) => [f.fin, f.opcode, f.payloadLength])).toEqual([
      [false, 1, 3],
      [true, 0, 2],
      [true, 9, 5],
    ])
  })

  it('reads 16-bit and 64-bit lengths', () => {
    const frames = scan([
      hex('82 7e 01 00'),
      Buffer.alloc(256),
      hex('82 7f 00 00 00 00 00 01 00 00'),
      Buffer.alloc(65_536),
    ])
    expect(frames.map((f) => [f.payloadLength, f.headerLength])).toEqual([
      [256, 4],
      [65_536, 10],
    ])
  })

  it('finds an empty close frame', () => {
    expect(scan([hex('88 00')])[0]).toMatchObject({ opcode: 8, payloadLength: 0 })
  })

  it('keeps no bytes unless asked to, then the header and at most that much payload', () => {
    const bytes = hex('81 05 48 65 6c 6c 6f')
    expect(scan([bytes])[0]?.raw).toHaveLength(0)
    const split = [bytes.subarray(0, 3), bytes.subarray(3)]
    expect(Buffer.from(scan(split, 3)[0]?.raw ?? []).toString('hex')).toBe('810548656c')
  })
})
