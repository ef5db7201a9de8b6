import { afterEach, describe, expect, it, vi } from 'vitest'
import { websocketAccept } from './ws-accept.ts'

// RFC 6455 §1.3 works this very example by hand.
const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ=='
const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='

describe('websocketAccept', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it("answers RFC 6455's example key with the RFC's Sec-WebSocket-Accept", async () => {
    expect(await websocketAccept(RFC_KEY)).toBe(RFC_ACCEPT)
  })

  it('gives the same answer without crypto.subtle, as on a plain-http LAN page', async () => {
    vi.stubGlobal('crypto', {})
    expect(await websocketAccept(RFC_KEY)).toBe(RFC_ACCEPT)
  })
})
