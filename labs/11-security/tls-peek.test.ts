import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'

const SCRIPT = fileURLToPath(new URL('./tls-peek.mjs', import.meta.url))

interface TlsRecord {
  type: number
  name: string
  raw: Buffer
}
interface TlsPeek {
  splitRecords(bytes: Buffer): { records: TlsRecord[]; rest: Buffer }
  describeRecord(record: TlsRecord, arrow: string): string
}

function peek(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { ...process.env, WIRELAB_LANG: 'en' } },
      (_error, stdout, stderr) => resolve(stdout + stderr),
    )
  })
}

describe('tls-peek.mjs', () => {
  it('splits whole TLS records off a byte stream and names their type', async () => {
    process.env.WIRELAB_LANG = 'en'
    const { splitRecords, describeRecord } = (await import(SCRIPT)) as TlsPeek
    // change_cipher_spec (1 byte), application_data (3 bytes), then the first byte of a handshake.
    const { records, rest } = splitRecords(Buffer.from('140303000101170303000301020316', 'hex'))
    expect(records.map((r) => [r.name, r.raw.length])).toEqual([
      ['change_cipher_spec', 6],
      ['application_data', 8],
    ])
    expect(rest).toEqual(Buffer.from('16', 'hex'))
    expect(describeRecord(records[0] as TlsRecord, '←')).toBe(
      '← tls 14 03 03 00 01 01  (6 bytes: TLS record, change_cipher_spec, readable)',
    )
    expect(describeRecord(records[1] as TlsRecord, '→')).toBe(
      '→ tls 17 03 03 00 03 01 02 03  (8 bytes: TLS record, application_data, encrypted)',
    )
  })

  describe('against wirelab with --tls and a self-signed certificate', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startServer({ ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', tls: true })
    })
    afterAll(() => server?.close())

    it('shows the certificate and counts inside TLS the bytes the server’s meter counts', async () => {
      const wss = `wss://localhost:${server.port}/ws?room=tls-test&client=tls-peek-test`
      const output = await peek([wss, '--chat', 'segredo'])
      expect(output).toContain('  certificate: CN=wirelab, issued by CN=wirelab\n')
      expect(output).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT): going on anyway, as curl -k does')
      expect(output).toContain('→   {"type":"send","user":"ana","text":"segredo"}')
      expect(output).toContain('(73 bytes: TLS record, application_data, encrypted)')
      const [, sent, received] =
        /inside TLS: (\d+) bytes sent, (\d+) bytes received/.exec(output) ?? []
      // The meter counts once the server has seen the connection close.
      await expect
        .poll(() => server.meter.snapshot('tls-peek-test').transports.ws.bytesOut)
        .toBe(Number(received))
      expect(server.meter.snapshot('tls-peek-test').transports.ws.bytesIn).toBe(Number(sent))
    }, 20_000)
  })
})
