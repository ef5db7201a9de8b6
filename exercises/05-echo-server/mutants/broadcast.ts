// Mutant: every message is echoed to all connected clients, as in a chat.
import { serve, upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'

/** A running echo server: where to connect, and how to shut it down. */
export interface EchoServer {
  /** `ws://127.0.0.1:<port>/echo`, with the port the OS actually gave us. */
  url: string
  /** Says goodbye (1001) to every open client, stops listening and resolves once the port is free. */
  close(): Promise<void>
}

export function startEchoServer(port = 0): Promise<EchoServer> {
  const wss = new WebSocketServer({ noServer: true })
  const app = new Hono()

  app.get(
    '/echo',
    upgradeWebSocket(() => ({
      onMessage(event) {
        // Hono hands text over as a string and binary as an ArrayBuffer: sending each back
        // unchanged keeps the frame type (opcode 0x1 or 0x2) the client chose.
        const { data } = event
        if (typeof data === 'string' || data instanceof ArrayBuffer) {
          for (const client of wss.clients) client.send(data)
        }
      },
    })),
    // Only reached when the request did not ask for an upgrade.
    (c) => c.text('expected a WebSocket upgrade\n', 426, { Upgrade: 'websocket' }),
  )

  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port, hostname: '127.0.0.1', websocket: { server: wss } },
      (info) => {
        resolve({
          url: `ws://127.0.0.1:${info.port}/echo`,
          close: () =>
            new Promise<void>((done, fail) => {
              // server.close() waits for every connection to end, and an open WebSocket never
              // ends by itself: close them first.
              for (const client of wss.clients) client.close(1001, 'server shutting down')
              server.close((error) => (error ? fail(error) : done()))
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
