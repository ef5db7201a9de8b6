import { X509Certificate } from 'node:crypto'
import { get } from 'node:https'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEFAULT_CONFIG } from '../src/config.ts'
import { lanAddresses } from '../src/lan.ts'
import { tlsIdentity } from '../src/tls.ts'
import { startTestServer } from './harness.ts'

// Seeds 004, "use wss": with --tls the same server speaks https and wss, here with the
// self-signed certificate it makes at start, which the test trusts explicitly (a browser asks the
// user once).

function httpsText(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk
        // An SSE stream never ends: its first event is enough.
        if (body.includes('\n\n') && response.headers['content-type']?.includes('event-stream'))
          response.destroy()
      })
      response.on('close', () => resolve({ status: response.statusCode ?? 0, body }))
    }).on('error', reject)
  })
}

describe('--tls', () => {
  it('serves https and wss with a certificate for 127.0.0.1 and localhost, verified', async () => {
    const server = await startTestServer({ tls: true })
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const cert = server.tls?.cert ?? ''
    expect(new X509Certificate(cert).subjectAltName).toMatch(
      /DNS:localhost.*IP Address:127\.0\.0\.1/,
    )

    const time = await httpsText(`${server.url}/api/time`, cert)
    expect(time.status).toBe(200)
    expect(JSON.parse(time.body)).toHaveProperty('now')
    const sse = await httpsText(`${server.url}/api/sse?room=tls`, cert)
    expect(sse.body).toMatch(/^retry: \d+/)

    const ws = new WebSocket(`${server.url.replace('https', 'wss')}/ws?room=tls&client=secure`, {
      ca: cert,
    })
    const hello = await new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))))
      ws.once('error', reject)
    })
    expect(hello).toMatchObject({ type: 'hello' })
    ws.close()
    // The meter counts what crossed inside TLS, per transport, as over plain http.
    const stats = server.meter.snapshot('secure')
    expect(stats.transports.ws.handshakeBytesIn).toBeGreaterThan(100)
  })

  it('names the machine and its network addresses when it listens on every interface', async () => {
    const { cert } = await tlsIdentity({ ...DEFAULT_CONFIG, host: '0.0.0.0', tls: true })
    const names = new X509Certificate(cert).subjectAltName ?? ''
    expect(names).toContain(`DNS:${hostname()}`)
    for (const address of lanAddresses()) expect(names).toContain(`IP Address:${address}`)
    expect(names).not.toContain('0.0.0.0')
  })

  it('is refused by a client that does not trust the certificate', async () => {
    const server = await startTestServer({ tls: true })
    await expect(
      new Promise((resolve, reject) => get(`${server.url}/api/time`, resolve).on('error', reject)),
    ).rejects.toThrow(/self-signed|self signed/)
  })
})
