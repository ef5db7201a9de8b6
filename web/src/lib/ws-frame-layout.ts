import type { DecodedFrame } from './ws-frame.ts'

/** The byte ranges of the RFC 6455 frame figure, in wire order. */
export type FrameSegmentKind =
  | 'fin-rsv-opcode'
  | 'mask-length'
  | 'extended-length'
  | 'masking-key'
  | 'payload'

export interface FrameSegment {
  kind: FrameSegmentKind
  /** Offsets into `frame.raw`, end exclusive. */
  start: number
  end: number
}

/** Cuts a frame's raw bytes into the fields the inspector colours. Empty segments are left out. */
export function frameSegments(frame: DecodedFrame): FrameSegment[] {
  const extendedLength = { '7-bit': 0, '16-bit': 2, '64-bit': 8 }[frame.payloadLengthForm]
  const maskLength = frame.masked ? 4 : 0
  const sizes: [FrameSegmentKind, number][] = [
    ['fin-rsv-opcode', 1],
    ['mask-length', 1],
    ['extended-length', extendedLength],
    ['masking-key', maskLength],
    ['payload', frame.payloadLength],
  ]
  const segments: FrameSegment[] = []
  let start = 0
  for (const [kind, size] of sizes) {
    if (size > 0) segments.push({ kind, start, end: start + size })
    start += size
  }
  return segments
}

/** `0x81` → `"1000 0001"`, the way the RFC figure draws bits. */
export function bitsOf(byte: number): string {
  const bits = byte.toString(2).padStart(8, '0')
  return `${bits.slice(0, 4)} ${bits.slice(4)}`
}
