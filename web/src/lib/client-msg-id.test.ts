import { describe, expect, it } from 'vitest'
import { newClientMsgId } from './client-msg-id.ts'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newClientMsgId', () => {
  it('uses crypto.randomUUID where the page is a secure context', () => {
    expect(newClientMsgId()).toMatch(UUID_V4)
  })

  it('builds a version-4 UUID from getRandomValues on plain http over the LAN', () => {
    const insecure = {
      getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes),
    }
    const ids = new Set(Array.from({ length: 100 }, () => newClientMsgId(insecure)))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(id).toMatch(UUID_V4)
  })
})
