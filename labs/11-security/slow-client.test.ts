import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'

const SCRIPT = fileURLToPath(new URL('./slow-client.mjs', import.meta.url))

interface SlowClient {
  deliveryCheck(seqs: number[]): { from: number; to: number; missing: number; twice: number }
}

describe('slow-client.mjs', () => {
  it('checks a run of seqs for messages missing and messages received twice', async () => {
    const { deliveryCheck } = (await import(SCRIPT)) as SlowClient
    expect(deliveryCheck([3, 4, 5, 6])).toEqual({ from: 3, to: 6, missing: 0, twice: 0 })
    expect(deliveryCheck([1, 2, 4, 4, 5])).toEqual({ from: 1, to: 5, missing: 1, twice: 1 })
    expect(deliveryCheck([])).toEqual({ from: 0, to: 0, missing: 0, twice: 0 })
  })

  describe('against a server that keeps up', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startServer({ ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1' })
      await server.feed.append('slow-test', { kind: 'chat', user: 'ana', text: 'antes' })
    })
    afterAll(() => server?.close())

    it('reads the backlog, stalls, says the server kept it, and closes without reconnecting', async () => {
      const url = `${server.url.replace('http', 'ws')}/ws?room=slow-test`
      const output = await new Promise<string>((resolve) => {
        execFile(
          process.execPath,
          [SCRIPT, url, '--stall', '1', '--for', '1'],
          { env: { ...process.env, WIRELAB_LANG: 'en' } },
          (_error, stdout, stderr) => resolve(stdout + stderr),
        )
      })
      expect(output).toContain('← 1 message frames, seq 1 to 1 (')
      expect(output).toContain('(not reading for 1 s:')
      expect(output).toContain('(the server kept this connection open 1 s after the stall')
      expect(output).toContain('←   close code 1000')
      expect(output).not.toContain('connecting again')
      expect(output).toMatch(
        /\(seq 1 to 1, over 1 connections: each message once, none missing\)\n$/,
      )
    }, 20_000)
  })
})
