import type { Server } from 'node:http'

/** What every server under test offers its host process. */
export interface StartedTarget {
  /** The HTTP server its clients connect to: the host counts bytes on its `connection` events. */
  server: Server
  url: string
  /** Starts (rate > 0) or stops (0) the room's producer: `rate` messages/s of `size` bytes. */
  setRate(room: string, rate: number, size: number): Promise<void>
  /** Messages the room's producer has appended so far (its last seq). */
  produced(room: string): number | Promise<number>
  close(): Promise<void>
}

export interface TargetOptions {
  /** wirelab only: its wire meter on or off (`--no-meter`). */
  meter: boolean
  /** wirelab only: class mode (`--class`) with this code and operator token. */
  class?: ClassTarget
}

/** What `npm start -- --class --class-code CODE --operator-token TOKEN` would be told. */
export interface ClassTarget {
  code: string
  operatorToken: string
}

/** Binds port 0 on loopback and resolves with the URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return `http://127.0.0.1:${address.port}`
}

/** Closes the server and cuts whatever is still connected to it. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
}
