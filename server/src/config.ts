import { isIP } from 'node:net'
import { parseArgs } from 'node:util'
import { CODE_PATTERN, normalizeCode } from './class/join-code.ts'
import { LIMITS } from './protocol.ts'

/** Everything the server can be told at start. */
export interface Config {
  port: number
  host: string
  retentionPerRoom: number
  longPollTimeoutMs: number
  sseHeartbeatMs: number
  sseRetryMs: number
  wsHeartbeatMs: number
  bodyMaxBytes: number
  wsFrameMaxBytes: number
  /** Messages per second a client may send (bursts of twice that); per IP address below. */
  sendRatePerClient: number
  sendRatePerIp: number
  /** Open TCP connections one IP address may hold; past it new ones get 503. */
  maxConnectionsPerIp: number
  /** Bytes a subscriber (SSE, WebSocket) may leave unread before it is dropped; it resumes. */
  sendBufferMaxBytes: number
  /** The highest ticker rate a page may set; above it, the operator token is needed. */
  tickerMaxForPages: number
  /** A ticker whose room nobody follows stops after this long. */
  tickerIdleMs: number
  /**
   * Authorizes whole-server actions (`Authorization: Bearer …`), e.g. resetting everyone's meter;
   * generated at start when not given, and printed.
   */
  operatorToken?: string
  /** Serve https and wss; with `tlsCert`/`tlsKey` (PEM files) or a self-signed certificate. */
  tls: boolean
  tlsCert?: string
  tlsKey?: string
  /** When set, every transport needs it (see http/token.ts). */
  token?: string
  /** Origins (`scheme://host[:port]`) allowed besides the page's own and localhost's. */
  allowOrigins: string[]
  /** The built web UI to serve at `/`; none: `/` shows the API page. */
  webDist?: string
  /** Count bytes and frames (`--no-meter` turns it off, to measure what the meter costs). */
  meter: boolean
  /** Class mode (`--class`): students join with a code, the instructor runs the room. */
  classMode: boolean
  /** The class's join code (`--class-code`); made at start when not given. */
  classCode?: string
  /** `redis://HOST:PORT[/DB]`: the log in Redis, shared by every instance given it; else memory. */
  store?: string
  /** The name this instance gives in `X-Wirelab-Instance` (with a Redis store: host:port if unset). */
  instance?: string
  /** Proxies (their addresses) whose `X-Forwarded-For` names the client; see net/client-addresses.ts. */
  trustProxy: string[]
}

export const DEFAULT_CONFIG: Config = {
  port: 3000,
  host: 'localhost',
  retentionPerRoom: LIMITS.retentionPerRoom,
  longPollTimeoutMs: LIMITS.longPollTimeoutDefaultMs,
  sseHeartbeatMs: 15_000,
  sseRetryMs: 2_000,
  wsHeartbeatMs: 30_000,
  bodyMaxBytes: LIMITS.bodyMaxBytes,
  wsFrameMaxBytes: LIMITS.wsFrameMaxBytes,
  sendBufferMaxBytes: 4 * 1024 * 1024,
  sendRatePerClient: 20,
  sendRatePerIp: 500,
  maxConnectionsPerIp: 500,
  tickerIdleMs: 60_000,
  tickerMaxForPages: 200,
  allowOrigins: [],
  tls: false,
  meter: true,
  classMode: false,
  trustProxy: [],
}

interface IntFlag {
  key: keyof Config
  min: number
  max: number
  help: string
}

const INT_FLAGS: Record<string, IntFlag> = {
  port: { key: 'port', min: 0, max: 65_535, help: 'TCP port (0 = any free port); env PORT' },
  retention: { key: 'retentionPerRoom', min: 1, max: 1_000_000, help: 'messages kept per room' },
  'longpoll-timeout': {
    key: 'longPollTimeoutMs',
    min: 0,
    max: LIMITS.longPollTimeoutMaxMs,
    help: 'default long-poll hold, ms',
  },
  'sse-ping': {
    key: 'sseHeartbeatMs',
    min: 100,
    max: 600_000,
    help: 'SSE ": ping" comment interval, ms',
  },
  'sse-retry': {
    key: 'sseRetryMs',
    min: 0,
    max: 600_000,
    help: 'SSE "retry:" reconnect delay sent to browsers, ms',
  },
  'ws-heartbeat': {
    key: 'wsHeartbeatMs',
    min: 100,
    max: 600_000,
    help: 'WebSocket ping interval, ms; no pong by the next ping = terminated',
  },
  'body-limit': { key: 'bodyMaxBytes', min: 256, max: 1_048_576, help: 'largest POST body, bytes' },
  'frame-limit': {
    key: 'wsFrameMaxBytes',
    min: 256,
    max: 16_777_216,
    help: 'largest WebSocket message, bytes',
  },
  'send-buffer': {
    key: 'sendBufferMaxBytes',
    min: 65_536,
    max: 1_073_741_824,
    help: 'bytes an SSE or WebSocket client may leave unread; past it the server drops it (it resumes)',
  },
  'send-rate': {
    key: 'sendRatePerClient',
    min: 1,
    max: 100_000,
    help: 'messages per second one page may send (bursts of twice that); past it 429',
  },
  'send-rate-ip': {
    key: 'sendRatePerIp',
    min: 1,
    max: 1_000_000,
    help: 'messages per second one IP address may send (a class behind one NAT)',
  },
  'max-connections-ip': {
    key: 'maxConnectionsPerIp',
    min: 1,
    max: 1_000_000,
    help: 'open connections one IP address may hold; past it 503',
  },
  'ticker-max': {
    key: 'tickerMaxForPages',
    min: 1,
    max: 1000,
    help: 'highest ticker rate a page may set, msg/s; above it needs the operator token',
  },
  'ticker-idle': {
    key: 'tickerIdleMs',
    min: 100,
    max: 86_400_000,
    help: 'a ticker stops when nobody has followed its room this long, ms',
  },
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type CliResult =
  | { help: true }
  | {
      help: false
      config: Config
      apiOnly: boolean
      /** A page to open in the browser once the server is up (`--open /slides/`). */
      open?: string
    }

/** Reads flags, then env (PORT, HOST), then defaults; a bad value is a ConfigError naming it. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliResult {
  let parsed: ReturnType<typeof parseFlags>
  try {
    parsed = parseFlags(argv)
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\nRun with --help to see the flags.`)
  }
  const { values } = parsed
  if (values.help) return { help: true }
  const config: Config = { ...DEFAULT_CONFIG }
  const fromEnv: Record<string, string | undefined> = { port: env.PORT }
  for (const [flag, spec] of Object.entries(INT_FLAGS)) {
    const raw = (values as Record<string, string | boolean | undefined>)[flag]
    const value = typeof raw === 'string' ? raw : fromEnv[flag]
    if (value !== undefined) (config[spec.key] as number) = parseIntFlag(flag, value, spec)
  }
  const host = values.host ?? env.HOST
  if (host !== undefined) {
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
      throw new ConfigError(`--host must be a host name or IP address (got "${host}")`)
    config.host = host
  }
  for (const origin of values['allow-origin'] ?? []) {
    if (!isOrigin(origin))
      throw new ConfigError(
        `--allow-origin must be an origin like https://example.edu or http://10.0.0.5:8080 (got "${origin}")`,
      )
  }
  config.allowOrigins = values['allow-origin'] ?? []
  config.tls = values.tls === true || values['tls-cert'] !== undefined
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined))
    throw new ConfigError('--tls-cert and --tls-key go together (PEM files of one certificate)')
  if (values['tls-cert'] !== undefined) config.tlsCert = values['tls-cert']
  if (values['tls-key'] !== undefined) config.tlsKey = values['tls-key']
  const token = values.token ?? env.WIRELAB_TOKEN
  if (token !== undefined) {
    if (!/^[\w.~-]{8,200}$/.test(token))
      throw new ConfigError('--token must be 8 to 200 characters of A–Z a–z 0–9 . _ ~ -')
    config.token = token
  }
  const operatorToken = values['operator-token'] ?? env.WIRELAB_OPERATOR_TOKEN
  if (operatorToken !== undefined) {
    if (!/^[\w.~+/=-]{16,200}$/.test(operatorToken))
      throw new ConfigError(
        '--operator-token must be 16 to 200 characters of A–Z a–z 0–9 . _ ~ + / = -',
      )
    config.operatorToken = operatorToken
  }
  config.meter = values['no-meter'] !== true
  const classCode = values['class-code'] ?? env.WIRELAB_CLASS_CODE
  config.classMode = values.class === true || classCode !== undefined
  if (classCode !== undefined) {
    if (!CODE_PATTERN.test(classCode))
      throw new ConfigError('--class-code must be 4 to 32 letters or digits (A–Z, 0–9)')
    config.classCode = normalizeCode(classCode)
  }
  const store = values.store ?? env.REDIS_URL
  if (store !== undefined && store !== 'memory' && store !== '') {
    if (!isRedisUrl(store))
      throw new ConfigError(
        `--store must be memory or redis://HOST:PORT[/DB] with DB 0 to 15 (got "${redacted(store)}"${values.store === undefined ? ', from REDIS_URL' : ''})`,
      )
    config.store = store
  }
  const instance = values.instance ?? env.WIRELAB_INSTANCE
  if (instance !== undefined) {
    if (!/^[\w.:-]{1,40}$/.test(instance))
      throw new ConfigError('--instance must be 1 to 40 characters of A–Z a–z 0–9 . _ : -')
    config.instance = instance
  }
  for (const address of values['trust-proxy'] ?? []) {
    if (isIP(address) === 0)
      throw new ConfigError(
        `--trust-proxy must be an IP address, like 127.0.0.1 (got "${address}")`,
      )
  }
  config.trustProxy = values['trust-proxy'] ?? []
  if (config.classMode && config.store)
    throw new ConfigError(
      `class mode keeps the class (students, experiments) in this one process: --class cannot run with --store redis://…${values.store === undefined ? ' (REDIS_URL is set: unset it, or add --store memory)' : ''}`,
    )
  // A class's phones and laptops reach the instructor's machine over the LAN.
  if (config.classMode && host === undefined) config.host = '0.0.0.0'
  const open = values.open
  if (open !== undefined && !/^\/[\w\-./?=&#]*$/.test(open))
    throw new ConfigError(`--open must be a path on this server, like /slides/ (got "${open}")`)
  return { help: false, config, apiOnly: values['api-only'] === true, ...(open && { open }) }
}

function parseFlags(argv: string[]) {
  const options = Object.fromEntries(
    Object.keys(INT_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
  )
  return parseArgs({
    args: argv,
    options: {
      ...options,
      host: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'operator-token': { type: 'string' },
      token: { type: 'string' },
      tls: { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'api-only': { type: 'boolean' },
      'no-meter': { type: 'boolean' },
      open: { type: 'string' },
      class: { type: 'boolean' },
      'class-code': { type: 'string' },
      store: { type: 'string' },
      instance: { type: 'string' },
      'trust-proxy': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
}

function parseIntFlag(flag: string, raw: string, spec: IntFlag): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    throw new ConfigError(
      `--${flag} must be an integer from ${spec.min} to ${spec.max} (got "${raw}")`,
    )
  }
  return value
}

export function helpText(): string {
  const rows = [
    [
      '--host HOST',
      'interface to listen on (default localhost; 0.0.0.0 for class mode on a LAN); env HOST',
    ],
    ...Object.entries(INT_FLAGS).map(([flag, spec]) => [
      `--${flag} N`,
      `${spec.help} (default ${DEFAULT_CONFIG[spec.key]})`,
    ]),
    [
      '--allow-origin ORIGIN',
      'let pages from this origin open WebSockets and POST (repeatable; the server’s own origin and localhost always may)',
    ],
    [
      '--tls',
      'serve https:// and wss:// with a self-signed certificate made at start (browsers warn once)',
    ],
    ['--tls-cert FILE --tls-key FILE', 'serve https:// and wss:// with this certificate (PEM)'],
    [
      '--token T',
      'every transport then needs T (Authorization: Bearer T, ?token=T, or the cookie the page link /?token=T sets); 401, or close 1008; env WIRELAB_TOKEN',
    ],
    [
      '--operator-token T',
      'the token for whole-server actions (Authorization: Bearer T); default: a random one, printed at start; env WIRELAB_OPERATOR_TOKEN',
    ],
    [
      '--class',
      'class mode: listen on every interface (unless --host or HOST), print the join URL, code and QR code and the instructor’s dashboard link; students join at /join',
    ],
    [
      '--class-code CODE',
      'the class’s join code (4–32 letters or digits), the same at every start of a recurring class; implies --class; env WIRELAB_CLASS_CODE',
    ],
    [
      '--store URL',
      'memory (the default: nothing to install) or redis://HOST:PORT[/DB]: the log in Redis, shared by every instance given the same URL (npm run cluster); env REDIS_URL',
    ],
    [
      '--instance NAME',
      'the name this instance sends in the X-Wirelab-Instance header (default with --store redis: HOSTNAME-PID); env WIRELAB_INSTANCE',
    ],
    [
      '--trust-proxy ADDRESS',
      'a proxy in front (e.g. 127.0.0.1 for npm run cluster’s nginx): its X-Forwarded-For names the client for the per-address limits (repeatable)',
    ],
    ['--api-only', 'serve the API only: no web UI, no build step'],
    [
      '--no-meter',
      'count no bytes or frames (the page’s figures stay at zero): to measure what the meter costs',
    ],
    [
      '--open PATH',
      'open this page in the browser once up (npm run slides: /slides/); if a wirelab already runs on the port, open it there',
    ],
    ['-h, --help', 'show this help'],
  ]
  const width = Math.max(...rows.map(([name]) => (name as string).length))
  return [
    'wirelab: one chat feed over polling, long polling, SSE, WebSocket and Socket.IO, measured on the wire.',
    '',
    'Usage: npm start -- [flags]',
    '',
    ...rows.map(([name, text]) => `  ${(name as string).padEnd(width)}  ${text}`),
    '',
  ].join('\n')
}

/** A Redis URL fit to print: its password, if any, as `***`. */
export function redacted(url: string): string {
  if (!URL.canParse(url)) return url
  const parsed = new URL(url)
  if (parsed.password !== '') parsed.password = '***'
  return parsed.toString()
}

/** `redis://HOST:PORT[/DB]`, as ioredis takes it. */
function isRedisUrl(text: string): boolean {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  // Databases 0–15: Redis's default count (a higher one would fail to be selected).
  return (
    url.protocol === 'redis:' && url.hostname !== '' && /^(\/(\d|1[0-5])?)?$/.test(url.pathname)
  )
}

/** `scheme://host[:port]` and nothing more, as browsers send it in `Origin`. */
export function isOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return /^https?:$/.test(url.protocol) && url.origin === text
}
