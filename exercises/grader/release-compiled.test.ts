import { describe, expect, it } from 'vitest'
import { compileForRelease, pointImportsAtCompiled } from './release-compiled.ts'

describe('pointImportsAtCompiled', () => {
  it('points every kind of import of a compiled module at its .min.js, and nothing else', () => {
    const source = [
      "import { HeartbeatPool } from './transports/heartbeat.ts'",
      "import type { PingableSocket } from './transports/heartbeat.ts'",
      "const lazy = await import('./transports/heartbeat.ts')",
      "import { sse } from './transports/sse.ts'",
    ].join('\n')
    expect(pointImportsAtCompiled('server/src/server.ts', source).split('\n')).toEqual([
      "import { HeartbeatPool } from './transports/heartbeat.min.js'",
      "import type { PingableSocket } from './transports/heartbeat.min.js'",
      "const lazy = await import('./transports/heartbeat.min.js')",
      "import { sse } from './transports/sse.ts'",
    ])
    expect(
      pointImportsAtCompiled('server/src/http/app-env.ts', "from '../transports/heartbeat.ts'"),
    ).toBe("from '../transports/heartbeat.min.js'")
  })
})

describe('compileForRelease', () => {
  it('keeps the exports and their types, and drops every comment', () => {
    const source = [
      '/** Explains the algorithm. */',
      'export function twice(n: number): number {',
      '  // the answer',
      '  return n * 2',
      '}',
    ].join('\n')
    const { js, dts } = compileForRelease('lib/twice.ts', source, '99-twice')
    expect(js).toMatch(/^\/\/ twice\.ts compiled by release:student: it would be exercise 99-twice/)
    expect(js).toMatch(/export\s*\{|export function/)
    const body = js.split('\n').slice(1).join('\n')
    expect(body).not.toMatch(/the answer|Explains/)
    expect(dts).toContain('export declare function twice(n: number): number;')
    expect(dts).not.toContain('Explains')
  })

  it('refuses a module whose types cannot be declared without checking it', () => {
    expect(() =>
      compileForRelease('lib/x.ts', 'export function f(n = 1) { return n }', '99-x'),
    ).toThrow('lib/x.ts cannot be compiled for the release')
  })
})
