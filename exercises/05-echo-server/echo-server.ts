// Exercise 05-echo-server: the lecture's echo lab with Hono, @hono/node-server and ws.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 05-echo-server`.

/** A running echo server: where to connect, and how to shut it down. */
export interface EchoServer {
  /** `ws://127.0.0.1:<port>/echo`, with the port the OS actually gave us. */
  url: string
  /** Says goodbye (1001) to every open client, stops listening and resolves once the port is free. */
  close(): Promise<void>
}

// const server = await startEchoServer()   // port 0: the OS picks a free port
// server.url                                // → 'ws://127.0.0.1:41233/echo'
// // a client sends 'oi' (text)  → receives 'oi' (text)
// // a client sends 00 01 fe ff (binary) → receives 00 01 fe ff (binary)
// await server.close()                      // clients see close code 1001
//
// Build it with Hono + @hono/node-server + ws:
//   import { serve, upgradeWebSocket } from '@hono/node-server'
//   import { Hono } from 'hono'
//   import { WebSocketServer } from 'ws'
//   const wss = new WebSocketServer({ noServer: true })
//   serve({ fetch: app.fetch, port, hostname: '127.0.0.1', websocket: { server: wss } }, (info) => …)
//
// Traps:
// - with port 0 the real port is only known once the server listens (info.port), not `port`.
// - keep the frame type: text back as text, binary back as binary. In Hono's onMessage text is a
//   string and binary an ArrayBuffer; the raw ws 'message' event gives a Buffer for both.
// - echo to the sender only: this is not the chat.
// - a plain GET /echo (no Upgrade header) must get 426 with `Upgrade: websocket`; any other path
//   gets 404, upgrade or not.
// - server.close() waits for open connections, and a WebSocket never ends by itself: close the
//   clients (wss.clients) with 1001 first, or close() hangs. Resolve from its callback.
export function startEchoServer(port = 0): Promise<EchoServer> {
  // TODO(05-echo-server): your code here
  throw new Error(
    `TODO(05-echo-server): start a Hono + ws echo server on 127.0.0.1:${port} and resolve with { url, close }`,
  )
}
