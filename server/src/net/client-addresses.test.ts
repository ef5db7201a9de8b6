import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ClientAddresses } from './client-addresses.ts'

describe('ClientAddresses behind a trusted proxy', () => {
  const nginx = { remoteAddress: '::ffff:127.0.0.1', remotePort: 40_000 }
  const stranger = { remoteAddress: '203.0.113.9', remotePort: 50_000 }

  it('reads the client from the last X-Forwarded-For entry of a trusted proxy only', () => {
    const addresses = new ClientAddresses(['127.0.0.1'])
    expect(addresses.fromTrustedProxy(nginx)).toBe(true)
    // The entries before the last are whatever the client sent: only the proxy's own is believed.
    expect(addresses.of(nginx, '6.6.6.6, 192.168.0.20')).toBe('192.168.0.20')
    expect(addresses.of(nginx, ['10.0.0.1', '192.168.0.21'])).toBe('192.168.0.21')
    expect(addresses.of(nginx, 'not an address')).toBe('::ffff:127.0.0.1')
    expect(addresses.of(nginx)).toBe('::ffff:127.0.0.1')
    expect(addresses.fromTrustedProxy(stranger)).toBe(false)
    expect(addresses.of(stranger, '192.168.0.20')).toBe('203.0.113.9')
  })

  it('never trusts a connection of its own shaping proxies: the client wrote that header', async () => {
    const addresses = new ClientAddresses(['127.0.0.1'])
    const proxied = { localAddress: '127.0.0.1', localPort: 40_001 } as Socket
    addresses.note(proxied, '192.168.0.30')
    const atServer = { remoteAddress: '127.0.0.1', remotePort: 40_001 }
    expect(addresses.fromTrustedProxy(atServer)).toBe(false)
    expect(addresses.of(atServer, '10.9.9.9')).toBe('192.168.0.30')
  })

  it('trusts no header without --trust-proxy', () => {
    const addresses = new ClientAddresses()
    expect(addresses.fromTrustedProxy(nginx)).toBe(false)
    expect(addresses.of(nginx, '192.168.0.20')).toBe('::ffff:127.0.0.1')
  })
})
