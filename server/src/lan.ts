import { networkInterfaces } from 'node:os'

/** This machine's addresses on its networks (not loopback): what students type in class mode. */
export function lanAddresses({ ipv6 = false } = {}): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && (ipv6 || info.family === 'IPv4'))
    .map((info) => info?.address as string)
}
