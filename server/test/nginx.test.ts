import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningNginx, startNginx } from '../src/cluster/nginx.ts'
import { SOCKETIO_NAMESPACE } from '../src/protocol.ts'
import {
  eventually,
  getBatch,
  onCleanup,
  openSse,
  openWs,
  post,
  startTestServer,
} from './harness.ts'

// Issue 14, first step: a real nginx in front of wirelab, with the configuration wirelab writes,
// carries every transport (started here on 127.0.0.1; fails, never skips, without nginx).

const running: RunningNginx[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((nginx) => nginx.stop()))
})

async function behindNginx() {
  const server = await startTestServer()
  const nginx = await startNginx([`127.0.0.1:${server.port}`])
  running.push(nginx)
  return { server, nginx }
}

describe('nginx in front of wirelab', () => {
  it('carries polling, long polling, SSE and WebSocket, each message once and in order', async () => {
    const { nginx } = await behindNginx()
    const url = nginx.url
    const sse = openSse(`${url}/api/sse?room=n1`)
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=n1`)
    await ws.opened
    await eventually(() => expect(sse.retry).toBeGreaterThan(0))
    // A long poll held by the server, through nginx, answered by the first send.
    const held = getBatch(`${url}/api/longpoll?room=n1&since=0&timeout=20000`)
    for (let i = 1; i <= 20; i++) {
      const sent = await post(url, { room: 'n1', user: 'ana', text: `m${i}` })
      expect(sent.status).toBe(201)
    }
    expect((await held).messages[0]?.seq).toBe(1)
    const seqs = Array.from({ length: 20 }, (_, i) => i + 1)
    await eventually(() => expect(ws.messages().map((m) => m.seq)).toEqual(seqs))
    await eventually(() =>
      expect(
        sse.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).seq),
      ).toEqual(seqs),
    )
    const polled = await getBatch(`${url}/api/poll?room=n1&since=0`)
    expect(polled.messages.map((m) => m.seq)).toEqual(seqs)
  })

  it('buffers nothing: an SSE event crosses while its stream stays open', async () => {
    const { nginx } = await behindNginx()
    const sse = openSse(`${nginx.url}/api/sse?room=n2`)
    await eventually(() => expect(sse.retry).toBeGreaterThan(0))
    await post(nginx.url, { room: 'n2', user: 'ana', text: 'one' })
    await eventually(() => expect(sse.events.some((e) => e.event === 'message')).toBe(true))
    expect(nginx.config).toContain('proxy_buffering off;')
  })

  it('passes Socket.IO’s upgrade to WebSocket', async () => {
    const { nginx } = await behindNginx()
    const { io } = await import('socket.io-client')
    const socket = io(`${nginx.url}${SOCKETIO_NAMESPACE}`, {
      auth: { room: 'n3' },
      reconnection: false,
    })
    onCleanup(() => socket.disconnect())
    await new Promise((resolve) => socket.once('hello', resolve))
    await eventually(() => expect(socket.io.engine.transport.name).toBe('websocket'))
  })

  it('refuses a port another program holds, instead of taking its answers for its own', async () => {
    const other = createServer((_request, response) => response.end('another app'))
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    onCleanup(() => other.close())
    const { port } = other.address() as AddressInfo
    const server = await startTestServer()
    await expect(startNginx([`127.0.0.1:${server.port}`], { port })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use; try --port ${port + 1}`,
    )
  })
})
