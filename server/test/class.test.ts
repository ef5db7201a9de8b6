import { io, type Socket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { ClassLive, ClassMe, ExperimentResult } from '../src/class/protocol.ts'
import {
  eventually,
  getJson,
  onCleanup,
  openSse,
  openWs,
  sleep,
  startTestServer,
} from './harness.ts'

// Issue 13, class mode: students join with the code and a name, the instructor (operator token)
// runs the room, and no transport serves anyone else.

const CODE = 'TEST42'
const OPERATOR = 'operator-token-for-tests-0123'
const bearer = { authorization: `Bearer ${OPERATOR}` }

async function classServer(overrides = {}) {
  const server = await startTestServer({
    classMode: true,
    classCode: CODE,
    operatorToken: OPERATOR,
    ...overrides,
  })
  return server
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

/** Joins and answers the student's cookie header (its session), or throws the refusal. */
async function join(url: string, name: string, code = CODE, cookie?: string): Promise<string> {
  const response = await postJson(`${url}/api/class/join`, { code, name }, cookie ? { cookie } : {})
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

async function status(response: Promise<Response>): Promise<[number, string | undefined]> {
  const answer = await response
  const body = (await answer.json().catch(() => null)) as { error?: { code: string } } | null
  return [answer.status, body?.error?.code]
}

function openFeed(url: string, headers: Record<string, string>, client = 'sio'): Socket {
  const socket = io(`${url}/feed`, {
    query: { client },
    auth: { room: 'class' },
    extraHeaders: headers,
    reconnection: false,
  })
  onCleanup(() => socket.disconnect())
  return socket
}

describe('class mode: joining', () => {
  it('takes the code without case, tidies the name, and keeps it the student’s own', async () => {
    const { url } = await classServer()
    const response = await postJson(`${url}/api/class/join`, {
      code: 'test42',
      name: '  Ana   Lúcia ',
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ role: 'student', name: 'Ana Lúcia', room: 'class' })
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect(response.headers.get('set-cookie')).toMatch(
      /^wirelab_student=[\w-]{22}; Path=\/; HttpOnly; SameSite=Strict/,
    )
    const me = await getJson<ClassMe>(`${url}/api/class/me`)
    expect(me).toEqual({ mode: 'class', role: null, room: 'class' })
    const mine = (await (
      await fetch(`${url}/api/class/me`, { headers: { cookie } })
    ).json()) as ClassMe
    expect(mine).toMatchObject({ mode: 'class', role: 'student', name: 'Ana Lúcia' })
    // The same browser again (another tab): the same student.
    expect(
      (await postJson(`${url}/api/class/join`, { code: CODE, name: 'ana lúcia' }, { cookie }))
        .status,
    ).toBe(200)
    // Another browser: the name is taken, with or without its accents and capitals.
    for (const name of ['Ana Lúcia', 'ANA LUCIA', 'ána lúcia']) {
      expect(await status(postJson(`${url}/api/class/join`, { code: CODE, name }))).toEqual([
        409,
        'conflict',
      ])
    }
  })

  it('refuses a wrong code, a bad name and the instructor’s names', async () => {
    const { url } = await classServer()
    expect(
      await status(postJson(`${url}/api/class/join`, { code: 'WRONG1', name: 'Bia' })),
    ).toEqual([401, 'unauthorized'])
    for (const name of ['', '   ', '!!!', '1234', 'a'.repeat(33), 'Bia<script>']) {
      expect(await status(postJson(`${url}/api/class/join`, { code: CODE, name })), name).toEqual([
        400,
        'bad_request',
      ])
    }
    for (const name of ['Instructor', 'PROFESSORA', 'Prófessor', 'ticker', 'sys-tem']) {
      expect(await status(postJson(`${url}/api/class/join`, { code: CODE, name })), name).toEqual([
        403,
        'forbidden',
      ])
    }
    expect(await status(fetch(`${url}/api/class/info`, { headers: bearer }))).toEqual([
      200,
      undefined,
    ])
  })

  it('lets one address try 10 wrong codes a minute, then answers 429', async () => {
    const { url } = await classServer()
    const tries = []
    for (let i = 0; i < 11; i++)
      tries.push((await postJson(`${url}/api/class/join`, { code: `WRONG${i}`, name: 'x' })).status)
    expect(tries).toEqual([...Array(10).fill(401), 429])
    // Even the right code waits: a guesser cannot go on by luck.
    expect((await postJson(`${url}/api/class/join`, { code: CODE, name: 'Caio' })).status).toBe(429)
  })
})

describe('class mode: nobody outside the class is served', () => {
  it('refuses every transport without a session (and with a made-up one), serves a student’s', async () => {
    const { url } = await classServer()
    const cookie = await join(url, 'Bia')
    const strangers: Record<string, string>[] = [
      {},
      { cookie: 'wirelab_student=madeUpSession123456789a' },
    ]
    for (const headers of strangers) {
      for (const path of [
        '/api/poll?room=class',
        '/api/longpoll?room=class&timeout=0',
        '/api/sse?room=class',
        '/api/history?room=class',
        '/api/stats',
        '/metrics',
      ]) {
        expect(await status(fetch(`${url}${path}`, { headers })), path).toEqual([
          401,
          'class_join_required',
        ])
      }
      expect(
        await status(
          postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: 'oi' }, headers),
        ),
      ).toEqual([401, 'class_join_required'])
      const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class`, { headers })
      expect(await ws.closed).toEqual({
        code: 1008,
        reason: 'this server runs a class: open /join and type the class code to take part',
      })
      const socket = openFeed(url, headers)
      const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      )
      expect(refusal.data?.code).toBe('class_join_required')
    }
    const headers = { cookie }
    for (const path of [
      '/api/poll?room=class',
      '/api/longpoll?room=class&timeout=0',
      '/api/history?room=class',
    ]) {
      expect((await fetch(`${url}${path}`, { headers })).status, path).toBe(200)
    }
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class`, { headers })
    await ws.waitFor(() => ws.frames.some((frame) => frame.type === 'hello'))
    const socket = openFeed(url, headers)
    await new Promise((resolve) => socket.once('hello', resolve))
    const sse = openSse(`${url}/api/sse?room=class`, headers)
    await eventually(() => expect(sse.retry).toBeGreaterThan(0))
    // The pages themselves and the clock stay open: a page must load to say how to join.
    expect((await fetch(`${url}/api/time`)).status).toBe(200)
  })
})

describe('class mode: what a student may and may not do', () => {
  it('sends under its own name only, on every transport; the instructor sends as anyone', async () => {
    const { url } = await classServer()
    const headers = { cookie: await join(url, 'Bia') }
    expect(
      await status(
        postJson(`${url}/api/messages`, { room: 'class', user: 'Instructor', text: 'x' }, headers),
      ),
    ).toEqual([403, 'forbidden'])
    expect(
      (await postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: 'oi' }, headers))
        .status,
    ).toBe(201)
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class`, { headers })
    await ws.opened
    ws.send({ type: 'send', user: 'Caio', text: 'x' })
    ws.send({ type: 'send', user: 'Bia', text: 'pelo ws' })
    await ws.waitFor(
      () => ws.frames.filter((f) => f.type === 'ack' || f.type === 'error').length === 2,
    )
    expect(
      ws.frames.filter((f) => f.type === 'ack' || f.type === 'error').map((f) => f.type),
    ).toEqual(['error', 'ack'])
    const socket = openFeed(url, headers)
    const reply = await socket.emitWithAck('send', { user: 'Caio', text: 'x' })
    expect(reply).toMatchObject({ error: { code: 'forbidden' } })
    expect(
      (
        await postJson(
          `${url}/api/messages`,
          { room: 'class', user: 'Professora', text: 'bom dia' },
          bearer,
        )
      ).status,
    ).toBe(201)
  })

  it('cannot change the room’s settings, drop another page’s connections or reset everyone', async () => {
    const { url } = await classServer()
    const headers = { cookie: await join(url, 'Bia') }
    expect(
      await status(postJson(`${url}/api/lab/ticker`, { room: 'class', rate: 5 }, headers)),
    ).toEqual([403, 'forbidden'])
    expect(
      await status(
        postJson(
          `${url}/api/lab/network`,
          { room: 'class', transport: 'ws', delayMs: 100 },
          headers,
        ),
      ),
    ).toEqual([403, 'forbidden'])
    expect(
      await status(
        postJson(`${url}/api/lab/kill?client=bia1`, { client: 'other', transport: 'ws' }, headers),
      ),
    ).toEqual([403, 'forbidden'])
    expect(await status(postJson(`${url}/api/stats/reset`, {}, headers))).toEqual([
      401,
      'unauthorized',
    ])
    expect((await postJson(`${url}/api/stats/reset?client=bia1`, {}, headers)).status).toBe(200)
    for (const path of ['settings', 'drop', 'mute', 'clear', 'experiments']) {
      expect((await postJson(`${url}/api/class/${path}`, {}, headers)).status, path).toBe(401)
    }
    expect((await fetch(`${url}/api/class/live`, { headers })).status).toBe(401)
    // The instructor may.
    expect(
      (await postJson(`${url}/api/lab/ticker`, { room: 'class', rate: 5 }, bearer)).status,
    ).toBe(200)
    expect(
      (await postJson(`${url}/api/lab/ticker`, { room: 'class', rate: 0 }, bearer)).status,
    ).toBe(200)
  })

  it('counts the send rate per student, whichever of its pages sends', async () => {
    const { url } = await classServer({ sendRatePerClient: 1 })
    const headers = { cookie: await join(url, 'Bia') }
    const sends = []
    for (const client of ['tab1', 'tab2', 'tab3']) {
      sends.push(
        (
          await postJson(
            `${url}/api/messages?client=${client}`,
            { room: 'class', user: 'Bia', text: 'x' },
            headers,
          )
        ).status,
      )
    }
    expect(sends).toEqual([201, 201, 429])
  })
})

describe('class mode: a page id is its member’s', () => {
  it('refuses to act on another student’s page: drop, reset, exchange log, report, result', async () => {
    const { url } = await classServer()
    const ana = { cookie: await join(url, 'Ana') }
    const bob = { cookie: await join(url, 'Bob') }
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class&client=bob-page`, {
      headers: bob,
    })
    await ws.opened
    // Ana read Bob's page id somewhere (a class's results list them): it does her no good.
    const refusals = [
      postJson(`${url}/api/lab/kill?client=bob-page`, { client: 'bob-page', transport: 'ws' }, ana),
      postJson(`${url}/api/stats/reset?client=bob-page`, {}, ana),
      fetch(`${url}/api/lab/exchanges?client=bob-page&transport=ws`, { headers: ana }),
      fetch(`${url}/api/poll?room=class&client=bob-page`, { headers: ana }),
      postJson(`${url}/api/class/report`, { client: 'bob-page', transports: {} }, ana),
    ]
    for (const refusal of refusals) expect(await status(refusal)).toEqual([403, 'forbidden'])
    expect(ws.ws.readyState).toBe(ws.ws.OPEN)
    // The instructor is a member too: Bob's page is Bob's.
    expect(await status(postJson(`${url}/api/stats/reset?client=bob-page`, {}, bearer))).toEqual([
      403,
      'forbidden',
    ])
  })

  it('keeps a Socket.IO session to the member who opened it', async () => {
    const { url } = await classServer()
    const ana = { cookie: await join(url, 'Ana') }
    const bob = { cookie: await join(url, 'Bob') }
    const socket = openFeed(url, bob, 'bob-sio')
    await new Promise((resolve) => socket.once('hello', resolve))
    const sid = socket.io.engine.id
    // Ana speaks Engine.IO by hand on Bob's session: refused before Engine.IO reads it.
    const forged = await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      headers: { ...ana, 'content-type': 'text/plain' },
      body: '42/feed,5["send",{"user":"Bob","text":"not Bob"}]',
    })
    expect(await forged.json()).toEqual({
      error: {
        code: 'forbidden',
        message: 'this Socket.IO session belongs to another member of the class',
      },
    })
    // Bob's own requests on it go on.
    expect(await socket.emitWithAck('send', { user: 'Bob', text: 'me' })).toMatchObject({ seq: 1 })
  })

  it('bounds what one member reports: one report a second per page, five pages', async () => {
    const { url } = await classServer()
    const ana = { cookie: await join(url, 'Ana') }
    const report = (client: string) =>
      postJson(`${url}/api/class/report`, { client, transports: {} }, ana)
    expect((await report('a1')).status).toBe(204)
    expect(await status(report('a1'))).toEqual([429, 'rate_limited'])
    for (const client of ['a2', 'a3', 'a4', 'a5']) expect((await report(client)).status).toBe(204)
    expect(await status(report('a6'))).toEqual([429, 'rate_limited'])
  })

  it('counts join tries sent at once before reading them', async () => {
    const { url } = await classServer()
    const tries = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        postJson(`${url}/api/class/join`, { code: `WRONG${i}`, name: 'x' }),
      ),
    )
    const statuses = tries.map((t) => t.status).sort()
    expect(statuses.filter((s) => s === 401)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(5)
  })
})

describe('class mode: the instructor', () => {
  it('mutes a student on every transport, and the student’s page is told', async () => {
    const { url } = await classServer()
    const headers = { cookie: await join(url, 'Bia') }
    const channel = openSse(`${url}/api/lab/stats?client=bia1&room=class`, headers)
    await eventually(() => expect(channel.events.find((e) => e.event === 'class')).toBeDefined())
    expect(
      (await postJson(`${url}/api/class/mute`, { name: 'bia', muted: true }, bearer)).status,
    ).toBe(200)
    await eventually(() =>
      expect(channel.events.filter((e) => e.event === 'class').at(-1)?.data).toContain(
        '"muted":true',
      ),
    )
    expect(
      await status(
        postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: 'x' }, headers),
      ),
    ).toEqual([403, 'muted'])
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class`, { headers })
    await ws.opened
    ws.send({ type: 'send', user: 'Bia', text: 'x' })
    await ws.waitFor(() => ws.frames.some((f) => f.type === 'error'))
    expect(ws.frames.find((f) => f.type === 'error')).toMatchObject({ code: 'muted' })
    expect(
      await await openFeed(url, headers).emitWithAck('send', { user: 'Bia', text: 'x' }),
    ).toMatchObject({ error: { code: 'muted' } })
    expect(
      await status(postJson(`${url}/api/class/mute`, { name: 'Nobody', muted: true }, bearer)),
    ).toEqual([404, 'not_found'])
    await postJson(`${url}/api/class/mute`, { name: 'Bia', muted: false }, bearer)
    expect(
      (await postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: 'x' }, headers))
        .status,
    ).toBe(201)
  })

  it('drops one transport for the whole class, and clears the room', async () => {
    const { url } = await classServer()
    const bia = { cookie: await join(url, 'Bia') }
    const caio = { cookie: await join(url, 'Caio') }
    const sockets = [
      openWs(`${url.replace('http', 'ws')}/ws?room=class&client=b1`, { headers: bia }),
      openWs(`${url.replace('http', 'ws')}/ws?room=class&client=c1`, { headers: caio }),
    ]
    await Promise.all(sockets.map((s) => s.opened))
    const sse = openSse(`${url}/api/sse?room=class&client=b1`, bia)
    await eventually(() => expect(sse.retry).toBeGreaterThan(0))
    const drop = await (await postJson(`${url}/api/class/drop`, { transport: 'ws' }, bearer)).json()
    expect(drop).toEqual({ transport: 'ws', killed: 2 })
    for (const socket of sockets) expect((await socket.closed).code).toBe(1006)
    await postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: 'antes' }, bia)
    const cleared = (await (await postJson(`${url}/api/class/clear`, {}, bearer)).json()) as {
      clearedSeq: number
    }
    expect(cleared.clearedSeq).toBe(2)
    const me = (await (await fetch(`${url}/api/class/me`, { headers: bia })).json()) as ClassMe
    expect(me).toMatchObject({ state: { clearedSeq: 2 } })
    const history = (await (
      await fetch(`${url}/api/history?room=class`, { headers: bia })
    ).json()) as {
      messages: { kind: string; user: string; seq: number }[]
    }
    expect(history.messages.at(-1)).toMatchObject({ seq: 2, kind: 'system', user: 'instructor' })
  })

  it('shows the class live: who is here, on which transport, the class’s latency, who is behind', async () => {
    const { url } = await classServer()
    const bia = { cookie: await join(url, 'Bia') }
    const caio = { cookie: await join(url, 'Caio') }
    for (let i = 0; i < 5; i++)
      await postJson(`${url}/api/messages`, { room: 'class', user: 'Bia', text: `m${i}` }, bia)
    const report = (client: string, lastSeq: number, samples: number[], state = 'open') => ({
      client,
      transports: {
        ws: { state, lastSeq, received: lastSeq, samples, reconnects: 1, missing: 0, repeated: 0 },
      },
    })
    expect(
      (await postJson(`${url}/api/class/report`, report('b1', 5, [10, 20, 30]), bia)).status,
    ).toBe(204)
    expect(
      (await postJson(`${url}/api/class/report`, report('c1', 1, [40, 50]), caio)).status,
    ).toBe(204)
    expect((await postJson(`${url}/api/class/report`, report('x', 1, []))).status).toBe(401)
    const live = openSse(`${url}/api/class/live`, bearer)
    const first = await eventually(() => {
      const event = live.events.find((e) => e.event === 'live')
      if (!event) throw new Error('no live event yet')
      return JSON.parse(event.data) as ClassLive
    })
    expect(first.head).toBe(5)
    expect(first.students.map((s) => [s.name, s.pages, s.transports.ws?.lag])).toEqual([
      ['Bia', 1, 0],
      ['Caio', 1, 4],
    ])
    expect(first.behind).toEqual(['Caio'])
    expect(first.transports.ws).toMatchObject({
      connected: 2,
      p50: 30,
      p95: 50,
      p99: 50,
      samples: 5,
      reconnects: 2,
    })
  })
})

describe('class mode: an experiment', () => {
  it('sets the room for its run, takes every page’s result after it, and sums the class up', async () => {
    const { url } = await classServer()
    const bia = { cookie: await join(url, 'Bia') }
    const caio = { cookie: await join(url, 'Caio') }
    const channel = openSse(`${url}/api/lab/stats?client=b1&room=class`, bia)
    const started = await postJson(
      `${url}/api/class/experiments`,
      { preset: 'delay-150', durationS: 5, countdownS: 2 },
      bearer,
    )
    expect(started.status).toBe(201)
    const experiment = (await started.json()) as ExperimentResult['experiment']
    expect(experiment).toMatchObject({ id: 'e1', preset: 'delay-150', network: { delayMs: 150 } })
    expect(experiment.endsAt - experiment.startsAt).toBe(5_000)
    await eventually(() =>
      expect(channel.events.some((e) => e.event === 'class' && e.data.includes('"id":"e1"'))).toBe(
        true,
      ),
    )
    // The room runs the preset: the ticker at 5 a second, every transport through a 150 ms link.
    const tickers = (await (await fetch(`${url}/api/lab/ticker`, { headers: bearer })).json()) as {
      tickers: { room: string; rate: number }[]
    }
    expect(tickers.tickers).toContainEqual(expect.objectContaining({ room: 'class', rate: 5 }))
    const network = (await (
      await fetch(`${url}/api/lab/network?room=class`, { headers: bearer })
    ).json()) as { shaped: Record<string, { delayMs: number }> }
    expect(Object.values(network.shaped).map((s) => s.delayMs)).toEqual([150, 150, 150, 150, 150])
    expect(
      await status(postJson(`${url}/api/class/experiments`, { preset: 'race' }, bearer)),
    ).toEqual([409, 'conflict'])
    const result = (client: string, samples: number[]) => ({
      client,
      transports: {
        sse: {
          received: samples.length,
          p50: null,
          p95: null,
          p99: null,
          samples,
          bytesPerMessage: 200,
          reconnects: 0,
          missing: 0,
          repeated: 0,
        },
      },
    })
    expect(
      await status(postJson(`${url}/api/class/experiments/e1/results`, result('b1', [1]), bia)),
    ).toEqual([409, 'conflict'])
    await sleep(experiment.endsAt - Date.now() + 50)
    expect(
      (
        await postJson(
          `${url}/api/class/experiments/e1/results`,
          result('b1', [150, 160, 170]),
          bia,
        )
      ).status,
    ).toBe(204)
    expect(
      (await postJson(`${url}/api/class/experiments/e1/results`, result('c1', [300]), caio)).status,
    ).toBe(204)
    const summary = (await (
      await fetch(`${url}/api/class/experiments/latest`, { headers: bia })
    ).json()) as ExperimentResult
    expect(summary.results.map((r) => r.name)).toEqual(['Bia', 'Caio'])
    expect(summary.summary.sse).toMatchObject({
      pages: 2,
      received: 4,
      p50: 160,
      p95: 300,
      p99: 300,
      bytesPerMessage: 200,
    })
    const csv = await (await fetch(`${url}/api/class/experiments/e1.csv`, { headers: caio })).text()
    expect(csv.split('\r\n')[0]).toBe(
      'experiment,preset,student,client,transport,received,p50,p95,p99,bytesPerMessage,reconnects,missing,repeated',
    )
    expect(csv).toContain('e1,delay-150,Bia,b1,sse,3,,,,200,0,0,0')
    expect(csv).toContain('e1,delay-150,(class),,sse,4,160,300,300,200,0,0,0')
    // At the end the room is as it was: the ticker back, no network conditions.
    await eventually(async () => {
      const after = (await (
        await fetch(`${url}/api/lab/network?room=class`, { headers: bearer })
      ).json()) as { shaped: object }
      expect(after.shaped).toEqual({})
    })
    const back = (await (await fetch(`${url}/api/lab/ticker`, { headers: bearer })).json()) as {
      tickers: { room: string; rate: number }[]
    }
    expect(back.tickers.find((t) => t.room === 'class')?.rate ?? 0).toBe(0.2)
  })
})

describe('class mode: secrets', () => {
  it('never shows the code, the operator token or a session in the exchange log', async () => {
    const { url } = await classServer()
    const cookie = await join(url, 'Bia')
    const session = cookie.split('=')[1] ?? ''
    await fetch(`${url}/api/poll?room=class&client=b1&code=${CODE}&operator=${OPERATOR}`, {
      headers: { cookie },
    })
    const ws = openWs(`${url.replace('http', 'ws')}/ws?room=class&client=b1&code=${CODE}`, {
      headers: { cookie },
    })
    await ws.opened
    const text = JSON.stringify(
      await Promise.all(
        ['poll', 'ws'].map(async (transport) =>
          (
            await fetch(`${url}/api/lab/exchanges?client=b1&transport=${transport}`, {
              headers: { cookie },
            })
          ).json(),
        ),
      ),
    )
    expect(text).toContain('GET /api/poll')
    for (const secret of [CODE, OPERATOR, session]) expect(text).not.toContain(secret)
  })
})
