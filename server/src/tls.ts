import { readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { generate } from 'selfsigned'
import type { Config } from './config.ts'
import { lanAddresses } from './lan.ts'

export interface TlsIdentity {
  key: string
  cert: string
  /** Made at start: no browser trusts it until the user accepts it once. */
  selfSigned: boolean
}

/**
 * The certificate for `--tls`: the files given, or a self-signed one (a maintained library, not
 * hand-written ASN.1) valid for localhost, 127.0.0.1, ::1 and the host the server listens on.
 */
export async function tlsIdentity(config: Config): Promise<TlsIdentity> {
  if (config.tlsCert && config.tlsKey) {
    const [cert, key] = await Promise.all([
      readFile(config.tlsCert, 'utf8'),
      readFile(config.tlsKey, 'utf8'),
    ])
    return { cert, key, selfSigned: false }
  }
  // Listening on every interface (class mode): the addresses students will type, and the name.
  const everywhere = config.host === '0.0.0.0' || config.host === '::'
  const names = new Set([
    'localhost',
    '127.0.0.1',
    '::1',
    ...(everywhere ? [hostname(), ...lanAddresses({ ipv6: true })] : [config.host]),
  ])
  // subjectAltName entries: type 7 an IP address, type 2 a DNS name.
  const altNames = [...names].map((name) =>
    /^[\d.]+$|:/.test(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  )
  const pems = await generate([{ name: 'commonName', value: 'wirelab' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames }],
  })
  return { cert: pems.cert, key: pems.private, selfSigned: true }
}
