import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { FrameScanner, type ScannedFrame } from '../wire/frame-scanner.ts'
import { serverTextFrame } from './ws-frame.ts'

// A real ws client reads each frame, written to the socket as the server writes fan-out frames.
const http = createServer()
const sockets = new WebSocketServer({ noServer: true })
let frameToSend: Buffer = Buffer.alloc(0)
http.on('upgrade', (request, socket, head) =>
  sockets.handleUpgrade(request, socket, head, () => socket.write(frameToSend)),
)

beforeAll(() => new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve)))
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())))

function receive(frame: Buffer): Promise<string> {
  frameToSend = frame
  const { port } = http.address() as AddressInfo
  const client = new WebSocket(`ws://127.0.0.1:${port}/`)
  return new Promise((resolve, reject) => {
    client.once('message', (data: Buffer, isBinary: boolean) => {
      client.terminate()
      if (isBinary) reject(new Error('a binary message'))
      else resolve(data.toString('utf8'))
    })
    client.once('error', reject)
  })
}

describe('serverTextFrame', () => {
  // The three length forms of RFC 6455 §5.2: 7 bits, 16 bits, 64 bits.
  for (const [size, headerLength] of [
    [0, 2],
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
  ] as const) {
    it(`frames ${size} bytes with a ${headerLength}-byte header that ws reads back`, async () => {
      const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2)
      const frame = serverTextFrame(Buffer.from(text))
      expect(frame.length).toBe(headerLength + size)
      expect(frame[0]).toBe(0x81)
      let scanned: ScannedFrame | undefined
      new FrameScanner((found) => {
        scanned = found.describe()
      }).push(frame)
      expect(scanned).toMatchObject({ fin: true, opcode: 1, masked: false, payloadLength: size })
      expect(scanned?.headerLength).toBe(headerLength)
      expect(await receive(frame)).toBe(text)
    })
  }
})
