// Lab 06: the lecture's echo server, with the same three pieces as wirelab's own server
// (server/src/server.ts): Hono routes the requests, ws speaks the WebSocket protocol, and
// @hono/node-server joins them on one Node HTTP server.
// Run it with `npx tsx labs/06-echo-server/echo-server.ts` (PORT=… picks another port).
import { serve, upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'

const port = Number(process.env.PORT ?? 8080)

// noServer: ws opens no port of its own; @hono/node-server hands it the upgrade requests.
const wss = new WebSocketServer({ noServer: true })
const app = new Hono()

app.get(
  '/echo',
  upgradeWebSocket((c) => ({
    onOpen() {
      console.log(`open, Origin: ${c.req.header('origin') ?? '(none)'}`)
    },
    onMessage(event, ws) {
      // A text frame arrives as a string: send the same string back, in a text frame.
      if (typeof event.data === 'string') ws.send(event.data)
    },
    onClose(event) {
      console.log(`closed: ${event.code} ${event.reason}`)
    },
  })),
)

// 127.0.0.1: only programs on this machine can connect.
serve({ fetch: app.fetch, port, hostname: '127.0.0.1', websocket: { server: wss } }, (info) => {
  console.log(`echo server listening on ws://localhost:${info.port}/echo`)
})
