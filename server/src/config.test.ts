import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, helpText, parseCli, redacted } from './config.ts'

describe('parseCli', () => {
  it('uses the defaults without flags', () => {
    expect(parseCli([], {})).toEqual({ help: false, config: DEFAULT_CONFIG, apiOnly: false })
    expect(parseCli(['--api-only'], {})).toMatchObject({ apiOnly: true })
  })

  it('takes flags over PORT and HOST from the environment', () => {
    const env = { PORT: '4000', HOST: '0.0.0.0' }
    expect(parseCli([], env)).toMatchObject({ config: { port: 4000, host: '0.0.0.0' } })
    expect(parseCli(['--port', '5000', '--host', '127.0.0.1'], env)).toMatchObject({
      config: { port: 5000, host: '127.0.0.1' },
    })
    expect(parseCli(['--retention', '50', '--ws-heartbeat', '1000'], {})).toMatchObject({
      config: { retentionPerRoom: 50, wsHeartbeatMs: 1000 },
    })
  })

  it('names the flag and the value it refuses', () => {
    expect(() => parseCli(['--port', 'abc'], {})).toThrow(
      '--port must be an integer from 0 to 65535 (got "abc")',
    )
    expect(() => parseCli([], { PORT: '70000' })).toThrow('--port')
    expect(() => parseCli(['--retention', '0'], {})).toThrow(ConfigError)
    expect(() => parseCli(['--colour'], {})).toThrow(/colour[\s\S]*--help/)
  })

  it('takes the Redis store, the instance name and the trusted proxies, and refuses bad ones', () => {
    const flags = ['--store', 'redis://127.0.0.1:6379/2', '--instance', 'i1']
    expect(parseCli([...flags, '--trust-proxy', '127.0.0.1'], {})).toMatchObject({
      config: { store: 'redis://127.0.0.1:6379/2', instance: 'i1', trustProxy: ['127.0.0.1'] },
    })
    expect(parseCli([], { REDIS_URL: 'redis://cache:6379' })).toMatchObject({
      config: { store: 'redis://cache:6379' },
    })
    expect((parseCli(['--store', 'memory'], {}) as { config: object }).config).not.toHaveProperty(
      'store',
    )
    expect(() => parseCli(['--store', 'http://x:1'], {})).toThrow(/--store must be memory or redis/)
    expect(() => parseCli(['--store', 'redis://x:1/db'], {})).toThrow(/--store/)
    expect(() => parseCli(['--store', 'redis://x:1/99'], {})).toThrow(/DB 0 to 15/)
    expect(() => parseCli([], { REDIS_URL: 'rediss://:secret@x:1' })).toThrow(
      'got "rediss://:***@x:1", from REDIS_URL',
    )
    expect(() => parseCli(['--class'], { REDIS_URL: 'redis://x:1' })).toThrow(
      /REDIS_URL is set: unset it, or add --store memory/,
    )
    expect(parseCli(['--class', '--store', 'memory'], { REDIS_URL: 'redis://x:1' })).toMatchObject({
      config: { classMode: true },
    })
    expect(redacted('redis://user:pw@cache:6379/1')).toBe('redis://user:***@cache:6379/1')
    expect(() => parseCli(['--instance', 'a b'], {})).toThrow(/--instance/)
    expect(() => parseCli(['--trust-proxy', 'nginx'], {})).toThrow(/--trust-proxy must be an IP/)
    expect(() => parseCli(['--class', '--store', 'redis://x:1'], {})).toThrow(
      /--class cannot run with --store redis/,
    )
    expect(helpText()).toMatch(/--store URL[\s\S]*--instance NAME[\s\S]*--trust-proxy ADDRESS/)
  })

  it('turns class mode on, listening on every interface unless --host says otherwise', () => {
    expect(parseCli(['--class'], {})).toMatchObject({
      config: { classMode: true, host: '0.0.0.0' },
    })
    expect(parseCli(['--class-code', 'turma9a'], { HOST: '10.0.0.5' })).toMatchObject({
      config: { classMode: true, classCode: 'TURMA9A', host: '10.0.0.5' },
    })
    expect(parseCli([], { WIRELAB_CLASS_CODE: 'abcd' })).toMatchObject({
      config: { classMode: true, classCode: 'ABCD' },
    })
    expect(() => parseCli(['--class-code', 'no!'], {})).toThrow(
      '--class-code must be 4 to 32 letters or digits',
    )
  })

  it('takes a page of this server to open, and nothing else', () => {
    expect(parseCli(['--open', '/slides/?lang=pt-BR'], {})).toMatchObject({
      open: '/slides/?lang=pt-BR',
    })
    expect(() => parseCli(['--open', 'http://evil.example/'], {})).toThrow(
      '--open must be a path on this server',
    )
    expect(() => parseCli(['--open', '/x; rm -rf /'], {})).toThrow(ConfigError)
  })

  it('takes the security flags, and refuses them malformed', () => {
    const cli = parseCli(
      [
        '--allow-origin',
        'https://example.edu',
        '--allow-origin',
        'http://10.0.0.5:8080',
        '--token',
        'classroom-42',
        '--tls',
        '--send-rate',
        '5',
      ],
      { WIRELAB_OPERATOR_TOKEN: 'operator-token-0123456789' },
    )
    expect(cli).toMatchObject({
      config: {
        allowOrigins: ['https://example.edu', 'http://10.0.0.5:8080'],
        token: 'classroom-42',
        operatorToken: 'operator-token-0123456789',
        tls: true,
        sendRatePerClient: 5,
      },
    })
    expect(() => parseCli(['--allow-origin', '*'], {})).toThrow('--allow-origin must be an origin')
    expect(() => parseCli(['--token', 'short'], {})).toThrow('--token must be 8 to 200')
    expect(() => parseCli(['--tls-cert', 'cert.pem'], {})).toThrow(
      '--tls-cert and --tls-key go together',
    )
  })

  it('lists every flag in --help', () => {
    expect(parseCli(['--help'], {})).toEqual({ help: true })
    for (const flag of [
      '--port',
      '--host',
      '--retention',
      '--longpoll-timeout',
      '--sse-ping',
      '--ws-heartbeat',
      '--open',
      '--send-buffer',
      '--send-rate',
      '--send-rate-ip',
      '--max-connections-ip',
      '--allow-origin',
      '--operator-token',
      '--token',
      '--tls',
      '--tls-cert',
    ]) {
      expect(helpText()).toContain(flag)
    }
  })
})
