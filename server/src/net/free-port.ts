import { createServer } from 'node:net'

/**
 * A port of 127.0.0.1 free a moment ago, for a program that takes its port on its command line
 * (nginx, a lab's own server): the OS picks it, and it is let go at once.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
