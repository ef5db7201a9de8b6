import { describe, expect, it } from 'vitest'
import { lastHeads, showLineEnds } from './http-heads.ts'

describe('lastHeads', () => {
  it('pairs the newest request that has a head with its response', () => {
    const heads = lastHeads([
      {
        at: 1,
        kind: 'request',
        id: 1,
        conn: 1,
        method: 'GET',
        target: '/a',
        bytes: 30,
        head: 'GET /a HTTP/1.1\r\n\r\n',
      },
      {
        at: 2,
        kind: 'response',
        id: 1,
        status: 200,
        bytes: 90,
        messages: 0,
        head: 'HTTP/1.1 200 OK\r\n\r\n',
      },
      {
        at: 3,
        kind: 'request',
        id: 2,
        conn: 1,
        method: 'GET',
        target: '/b',
        bytes: 31,
        head: 'GET /b HTTP/1.1\r\n\r\n',
      },
    ])
    expect(heads?.request.head).toContain('/b')
    expect(heads?.response).toBeNull()
  })

  it('finds nothing in a log without heads', () => {
    expect(lastHeads([{ at: 1, kind: 'closed', id: 1, by: 'client' }])).toBeNull()
  })
})

describe('showLineEnds', () => {
  it('marks every CRLF and keeps the lines', () => {
    expect(showLineEnds('GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(
      'GET / HTTP/1.1\\r\\n\nHost: x\\r\\n\n\\r\\n',
    )
  })
})
