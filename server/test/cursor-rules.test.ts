import { describe, expect, it } from 'vitest'
import type { Batch } from '../src/protocol.ts'
import { appendMany, getBatch, openSse, openWs, range, seqsOf, startTestServer } from './harness.ts'

describe('cursor rules on every transport', () => {
  it('an epoch from another log (server restarted) answers from the start with reset', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 3)
    const stale = 'since=7&epoch=old-epoch'
    for (const path of ['poll', 'longpoll']) {
      const batch = await getBatch(`${url}/api/${path}?${stale}`)
      expect(batch.reset).toBe(true)
      expect(batch.gap).toBeUndefined()
      expect(seqsOf(batch.messages)).toEqual([1, 2, 3])
    }
    const sse = openSse(`${url}/api/sse?${stale}`)
    await sse.waitFor(() => sse.messages().length >= 3)
    expect(sse.events[0]?.event).toBe('reset')
    expect(seqsOf(sse.messages())).toEqual([1, 2, 3])

    const ws = openWs(`${url.replace('http', 'ws')}/ws?${stale}`)
    await ws.waitFor(() => ws.messages().length >= 3)
    expect(ws.frames[0]).toMatchObject({ type: 'hello', reset: true })
    expect(seqsOf(ws.messages())).toEqual([1, 2, 3])
  })

  it('a cursor older than retention is told gap and gets what is retained', async () => {
    const { url } = await startTestServer({ retentionPerRoom: 5 })
    await appendMany(url, 12)
    const first = await getBatch(`${url}/api/poll?since=0`)
    const epoch = first.epoch
    const cursor = `since=2&epoch=${epoch}`
    for (const path of ['poll', 'longpoll']) {
      const batch: Batch = await getBatch(`${url}/api/${path}?${cursor}`)
      expect(batch.gap).toBe(true)
      expect(batch.reset).toBeUndefined()
      expect(seqsOf(batch.messages)).toEqual(range(8, 12))
    }
    const sse = openSse(`${url}/api/sse?${cursor}`)
    await sse.waitFor(() => sse.messages().length >= 5)
    expect(sse.events[0]).toMatchObject({ event: 'gap', id: `${epoch}:7` })
    expect(seqsOf(sse.messages())).toEqual(range(8, 12))

    const ws = openWs(`${url.replace('http', 'ws')}/ws?${cursor}`)
    await ws.waitFor(() => ws.messages().length >= 5)
    expect(ws.frames[0]).toMatchObject({ type: 'hello', gap: true, head: 12 })
    expect(seqsOf(ws.messages())).toEqual(range(8, 12))
  })

  it('a cursor exactly at the retained start is not a gap', async () => {
    const { url } = await startTestServer({ retentionPerRoom: 5 })
    await appendMany(url, 12)
    const { epoch } = await getBatch(`${url}/api/poll?since=12`)
    const batch = await getBatch(`${url}/api/poll?since=7&epoch=${epoch}`)
    expect(batch.gap).toBeUndefined()
    expect(seqsOf(batch.messages)).toEqual(range(8, 12))
  })

  it('a since above the head in the same epoch is a 400 on every transport', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 2)
    const { epoch } = await getBatch(`${url}/api/poll`)
    for (const path of ['api/poll', 'api/longpoll', 'api/sse']) {
      const response = await fetch(`${url}/${path}?since=9&epoch=${epoch}`)
      expect(response.status).toBe(400)
      const body = (await response.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('bad_request')
      expect(body.error.message).toContain('since=9')
    }
    const ws = openWs(`${url.replace('http', 'ws')}/ws?since=9&epoch=${epoch}`)
    await expect(ws.opened).rejects.toThrow('400')
  })

  it('poll honours limit and reports the head so the client knows there is more', async () => {
    const { url } = await startTestServer()
    await appendMany(url, 8)
    const batch = await getBatch(`${url}/api/poll?since=2&limit=3`)
    expect(seqsOf(batch.messages)).toEqual([3, 4, 5])
    expect(batch.head).toBe(8)
  })
})
