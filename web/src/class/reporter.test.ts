import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startReports } from './reporter.ts'

const report = { client: 'page1', transports: {} }

describe('startReports', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('posts a fresh report every interval until stopped', async () => {
    const bodies: unknown[] = []
    let built = 0
    const stop = startReports({
      build: () => ({ ...report, client: `page${++built}` }),
      refused: () => {},
      intervalMs: 2_000,
      fetchImpl: async (_url, init) => {
        bodies.push(JSON.parse(String(init?.body)))
        return new Response(null, { status: 204 })
      },
    })
    await vi.advanceTimersByTimeAsync(4_100)
    stop()
    await vi.advanceTimersByTimeAsync(4_000)
    expect(bodies).toEqual([
      { client: 'page1', transports: {} },
      { client: 'page2', transports: {} },
    ])
  })

  it('says so when the server no longer knows the student', async () => {
    const refused = vi.fn()
    const stop = startReports({
      build: () => report,
      refused,
      intervalMs: 2_000,
      fetchImpl: async () => new Response('{}', { status: 401 }),
    })
    await vi.advanceTimersByTimeAsync(2_000)
    stop()
    expect(refused).toHaveBeenCalledOnce()
  })

  it('sends one report at a time to a slow server', async () => {
    let calls = 0
    const stop = startReports({
      build: () => report,
      refused: () => {},
      intervalMs: 2_000,
      fetchImpl: () => {
        calls++
        return new Promise(() => {})
      },
    })
    await vi.advanceTimersByTimeAsync(10_000)
    stop()
    expect(calls).toBe(1)
  })
})
