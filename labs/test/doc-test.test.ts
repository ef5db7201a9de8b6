import { describe, expect, it } from 'vitest'
import { startServer } from '../../server/src/server.ts'
import {
  matchesExpected,
  parseDirectives,
  parseServes,
  parseVariables,
  perform,
  resolve,
} from './doc-test.ts'
import { labCluster, labServerConfig, readCluster } from './doc-test-lab.ts'

describe('matchesExpected', () => {
  it('needs every line, in order, with … for what varies inside a line', () => {
    expect(matchesExpected('a\nb …\nc\n', 'a\nb 42\nc\n')).toBe(true)
    expect(matchesExpected('a\nb …\nc\n', 'a\nc\n')).toBe(false)
    expect(matchesExpected('a\nc\n', 'a\nb\nc\n')).toBe(false)
  })

  it('takes a line of only … for any number of lines, none included', () => {
    expect(matchesExpected('a\n…\nz\n', 'a\nb\nc\nz\n')).toBe(true)
    expect(matchesExpected('a\n…\nz\n', 'a\nz\n')).toBe(true)
    expect(matchesExpected('a\n…\nz\n', 'a\nb\n')).toBe(false)
  })

  it('ignores trailing spaces but not characters that regular expressions treat specially', () => {
    expect(matchesExpected('(1 + 1) * 2\n', '(1 + 1) * 2   \n')).toBe(true)
    expect(matchesExpected('a.c\n', 'abc\n')).toBe(false)
  })
})

describe('doctest directives', () => {
  const block = (content: string) => ({ kind: 'doctest' as const, content })

  it('reads before/during requests, variables and served programs, and leaves page actions and walk notes to the walk', () => {
    const directives = block(
      [
        'before: POST /api/lab/ticker {"room":"lab-03","rate":0}',
        'during: 1000 POST /api/messages {"room":"lab-03","user":"ana","text":"oi"}',
        'let: EPOCH = GET /api/history?room=lab-03 .epoch',
        'serve: 8080 node_modules/.bin/tsx labs/06-echo-server/echo-server.ts',
        'page: click sse.drop',
        'walk: page only',
      ].join('\n'),
    )
    expect(parseDirectives(directives)).toEqual([
      {
        when: 'before',
        delayMs: 0,
        method: 'POST',
        path: '/api/lab/ticker',
        body: { room: 'lab-03', rate: 0 },
      },
      {
        when: 'during',
        delayMs: 1000,
        method: 'POST',
        path: '/api/messages',
        body: { room: 'lab-03', user: 'ana', text: 'oi' },
      },
    ])
    expect(parseVariables(directives)).toEqual([
      { name: 'EPOCH', path: '/api/history?room=lab-03', field: 'epoch' },
    ])
    expect(parseServes(directives)).toEqual([
      { port: 8080, command: 'node_modules/.bin/tsx labs/06-echo-server/echo-server.ts' },
    ])
  })

  it('reads the instructor’s requests and the operator token the server printed', () => {
    const directives = block(
      [
        'before: operator POST /api/class/experiments {"preset":"race"}',
        'during: 500 operator POST /api/class/drop {"transport":"ws"}',
        'let: TOKEN = operator token',
      ].join('\n'),
    )
    expect(parseDirectives(directives)).toEqual([
      {
        when: 'before',
        delayMs: 0,
        operator: true,
        method: 'POST',
        path: '/api/class/experiments',
        body: { preset: 'race' },
      },
      {
        when: 'during',
        delayMs: 500,
        operator: true,
        method: 'POST',
        path: '/api/class/drop',
        body: { transport: 'ws' },
      },
    ])
    expect(parseVariables(directives)).toEqual([{ name: 'TOKEN', operator: true }])
  })

  it('reads the Redis URL of a lab that runs on a cluster', async () => {
    const [redis] = parseVariables(block('let: REDIS_URL = cluster redis url'))
    expect(redis).toEqual({ name: 'REDIS_URL', clusterRedis: true })
    if (!redis) throw new Error('no variable')
    const lab = {
      origin: new URL('http://127.0.0.1:1'),
      cluster: { redisUrl: 'redis://127.0.0.1:6380' },
    }
    expect(await resolve(redis, lab)).toBe('redis://127.0.0.1:6380')
    await expect(resolve(redis, { origin: lab.origin })).rejects.toThrow(/runs on no cluster/)
  })

  it('refuses a line it cannot read, naming it', () => {
    expect(() => parseDirectives(block('after: coffee'))).toThrow(/cannot read "after: coffee"/)
  })
})

describe('a lab whose server runs a class (front matter server:)', () => {
  const block = (content: string) => ({ kind: 'doctest' as const, content })

  it('starts the server with those flags, and plays the instructor with the token it printed', async () => {
    expect(labServerConfig('00-http-by-hand').classMode).toBe(false)
    const config = labServerConfig('13-class-experiment')
    expect(config).toMatchObject({
      classMode: true,
      classCode: 'LAB13',
      port: 0,
      host: '127.0.0.1',
    })
    const server = await startServer(config)
    try {
      const lab = { origin: new URL(server.url), operatorToken: server.operatorToken }
      const [token] = parseVariables(block('let: TOKEN = operator token'))
      expect(token && (await resolve(token, lab))).toBe(server.operatorToken)
      const [start] = parseDirectives(
        block('before: operator POST /api/class/experiments {"preset":"race","countdownS":30}'),
      )
      if (!start) throw new Error('no directive')
      const { operator: _operator, ...asAnyone } = start
      await expect(perform(asAnyone, lab)).rejects.toThrow(/401 .*class_join_required/)
      await perform(start, lab)
      expect(server.classroom?.experiments.current?.preset).toBe('race')
    } finally {
      await server.close()
    }
  })
})

describe('a lab that runs on a cluster (front matter cluster:)', () => {
  it('says how many instances and whether nginx sticks, and refuses anything else', () => {
    expect(labCluster('14-scale-out')).toEqual({ instances: 3, sticky: false })
    expect(labCluster('00-http-by-hand')).toBeUndefined()
    expect(readCluster('NN', { instances: 2, sticky: true })).toEqual({
      instances: 2,
      sticky: true,
    })
    expect(readCluster('NN', { instances: 2 })).toEqual({ instances: 2, sticky: false })
    expect(() => readCluster('NN', { instances: 9 })).toThrow(/NN: front matter cluster must be/)
    expect(() => readCluster('NN', { instances: 3, stiky: true })).toThrow(/cluster must be/)
    expect(() => readCluster('NN', null)).toThrow(/cluster must be/)
  })
})

describe('a let: read off an Engine.IO answer', () => {
  it('takes the sid out of the open packet (0 then JSON), as a student copies it', async () => {
    const server = await startServer(labServerConfig('00-http-by-hand'))
    try {
      const [sid] = parseVariables({
        kind: 'doctest',
        content: 'let: SID = GET /socket.io/?EIO=4&transport=polling .sid',
      })
      if (!sid) throw new Error('no variable')
      expect(await resolve(sid, { origin: new URL(server.url) })).toMatch(/^[\w-]{20}$/)
    } finally {
      await server.close()
    }
  })
})
