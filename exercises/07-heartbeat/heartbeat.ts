// Exercise 07-heartbeat: find dead connections with ping/pong.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 07-heartbeat`.

/** What the heartbeat needs from a socket: the part of a `ws` WebSocket it uses. */
export interface HeartbeatSocket {
  ping(): void
  terminate(): void
  on(event: 'pong', listener: () => void): unknown
}

export class Heartbeat {
  // Hint: private fields for the interval, a Map from socket to "answered since the last ping?",
  // and the setInterval handle.

  // new Heartbeat(30_000)   // one tick every 30 s
  // new Heartbeat(0)        // → throws RangeError (so do -1000, NaN, and Infinity or anything
  //                         //   above 2 ** 31 - 1, which setInterval would turn into 1 ms)
  constructor(intervalMs: number) {
    // TODO(07-heartbeat): check and keep intervalMs
    void intervalMs
  }

  // heartbeat.size   // → how many sockets are watched
  get size(): number {
    // TODO(07-heartbeat): your code here
    throw new Error('TODO(07-heartbeat): return how many sockets are watched')
  }

  // heartbeat.add(ws)   // watch it, and listen to its pongs
  //
  // Traps:
  // - a socket that just connected has not been pinged yet: do not kill it at the first tick.
  // - adding the same socket twice watches it once, and does not count as an answer.
  add(socket: HeartbeatSocket): void {
    // TODO(07-heartbeat): your code here
    void socket
    throw new Error('TODO(07-heartbeat): watch the socket and count its pongs as answers')
  }

  // heartbeat.remove(ws)   // e.g. from ws.on('close', …)
  //
  // Traps:
  // - the pong listener stays on the socket: a late pong must not bring it back.
  remove(socket: HeartbeatSocket): void {
    // TODO(07-heartbeat): your code here
    void socket
    throw new Error('TODO(07-heartbeat): stop watching the socket')
  }

  // heartbeat.start()
  //   every intervalMs: each socket that has not answered since the previous tick → terminate()
  //   and drop it; each other socket → mark it "not answered yet" and ping() it.
  //
  // Traps:
  // - forget to reset the flag before pinging and no socket ever dies.
  // - calling start() twice must not create a second timer.
  start(): void {
    // TODO(07-heartbeat): your code here
    throw new Error('TODO(07-heartbeat): tick every intervalMs (setInterval)')
  }

  // heartbeat.stop()   // e.g. when the server closes
  //
  // Traps:
  // - clear the interval: a live timer keeps pinging and keeps Node from exiting.
  // - keep the sockets and their flags: start() carries on where stop() left off.
  stop(): void {
    // TODO(07-heartbeat): your code here
    throw new Error('TODO(07-heartbeat): stop ticking (clearInterval)')
  }
}
