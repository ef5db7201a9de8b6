import { readFileSync } from 'node:fs'

/** The server's name and version, from package.json (for the lab page's exports). */
export const SERVER_INFO: { name: string; version: string; node: string } = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string
    version: string
  }
  return { name: pkg.name, version: pkg.version, node: process.version }
})()
