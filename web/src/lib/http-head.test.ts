import { describe, expect, it } from 'vitest'
import { parseHead } from './http-head.ts'

describe('parseHead', () => {
  it('splits a request head into start line, version and headers and counts its bytes', () => {
    const raw = 'GET /api/poll?since=4 HTTP/1.1\r\nHost: localhost:3000\r\nAccept: */*\r\n\r\n'
    expect(parseHead(raw)).toEqual({
      startLine: 'GET /api/poll?since=4 HTTP/1.1',
      httpVersion: 'HTTP/1.1',
      statusText: '',
      headers: [
        { name: 'Host', value: 'localhost:3000' },
        { name: 'Accept', value: '*/*' },
      ],
      size: raw.length,
    })
  })

  it('reads the status text of a response, spaces included', () => {
    const head = parseHead('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n')
    expect(head.statusText).toBe('Switching Protocols')
    expect(head.headers).toEqual([{ name: 'Upgrade', value: 'websocket' }])
  })

  it('counts the blank line even when the recorded head lacks it, and bytes not characters', () => {
    expect(parseHead('HTTP/1.1 200 OK\r\nX-Name: Zé').size).toBe(
      'HTTP/1.1 200 OK\r\nX-Name: Zé\r\n\r\n'.length + 1,
    )
  })
})
