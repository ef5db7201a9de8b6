import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { setCookie } from 'hono/cookie'
import { streamSSE } from 'hono/streaming'
import QRCode from 'qrcode'
import { z } from 'zod'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { readJsonBody } from '../http/body.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { requireOperator } from '../http/operator.ts'
import { TokenBucket } from '../http/rate-limit.ts'
import { whenClosed } from '../http/when-closed.ts'
import { TRANSPORTS } from '../protocol.ts'
import type { Classroom } from './classroom.ts'
import { LiveFigures } from './live.ts'
import { type Member, memberKey, STUDENT_COOKIE } from './membership.ts'
import { PRESETS } from './presets.ts'
import {
  CLASS_ROOM,
  type ClassMe,
  classSettingsBodySchema,
  experimentBodySchema,
  joinBodySchema,
  reportBodySchema,
  resultBodySchema,
} from './protocol.ts'
import { resultCsv } from './summary.ts'

/** Join tries one IP address may make: 10 a minute (a 6-character code is not guessed so). */
const JOIN_TRIES_PER_MINUTE = 10
const LIVE_INTERVAL_MS = 1_000
/** A result carries up to 3000 samples per transport. */
const CLASS_BODY_MAX_BYTES = 256 * 1024

const transportBodySchema = z.strictObject({
  transport: z.enum(TRANSPORTS, { error: `must be one of ${TRANSPORTS.join(', ')}` }),
})
const muteBodySchema = z.strictObject({ name: z.string().max(200), muted: z.boolean() })

/** Outside class mode the lab page asks once, and is told there is no class. */
export function openModeRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/class/me', (c) => c.json({ mode: 'open' } satisfies ClassMe))
}

/** Class mode's endpoints (`/api/class/*`, DESIGN.md "Class mode"), counted as `control`. */
export function classRoutes(deps: Deps, classroom: Classroom): Hono<AppEnv> {
  const { config, meter, feed, network, closing } = deps
  const operator = (c: Context<AppEnv>) => requireOperator(c, config.operatorToken ?? '')
  const member = (c: Context<AppEnv>) => {
    const found = c.get('member')
    if (!found) throw new ApiError(401, 'class_join_required', 'join the class first: /join')
    return found
  }
  /** A report or result speaks for a page of the caller's own (see ClientOwners). */
  const ownPage = (found: Member, client: string): string => {
    const owner = memberKey(found)
    if (!classroom.clients.claim(client, owner)) {
      throw new ApiError(403, 'forbidden', 'this page id belongs to another member of the class')
    }
    return owner
  }
  const joinTries = new Map<string, TokenBucket>()
  const live = new LiveFigures(classroom, meter)
  const limit = bodyLimit({
    maxSize: CLASS_BODY_MAX_BYTES,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', `request body is over ${CLASS_BODY_MAX_BYTES} bytes`),
        413,
      ),
  })

  return new Hono<AppEnv>()
    .get('/api/class/me', (c) => {
      const found = c.get('member')
      const me: ClassMe = {
        mode: 'class',
        role: found?.role ?? null,
        room: CLASS_ROOM,
        ...(found?.role === 'student' && { name: found.student.name }),
        ...(found && {
          state: classroom.state(found.role === 'student' ? found.student : undefined),
        }),
      }
      return c.json(me)
    })
    .post('/api/class/join', limit, async (c) => {
      const ip = network.addresses.of(c.env?.incoming?.socket, c.req.header('x-forwarded-for'))
      const now = Date.now()
      for (const [key, bucket] of joinTries) if (bucket.isFull(now)) joinTries.delete(key)
      let bucket = joinTries.get(ip)
      if (!bucket) {
        bucket = new TokenBucket(JOIN_TRIES_PER_MINUTE / 60, JOIN_TRIES_PER_MINUTE, now)
        joinTries.set(ip, bucket)
      }
      // A try is taken before the body is read (tries sent at once all count) and given back for
      // the right code: only wrong codes count, a student who mistypes a name is not locked out.
      const waitMs = bucket.take(now)
      if (waitMs > 0) {
        c.header('Retry-After', String(Math.ceil(waitMs / 1000)))
        throw new ApiError(
          429,
          'rate_limited',
          'too many wrong codes from this address: wait a minute',
        )
      }
      const body = await readJsonBody(c, joinBodySchema)
      if (!classroom.codeMatches(body.code)) {
        throw new ApiError(401, 'unauthorized', 'this is not the class code')
      }
      bucket.giveBack()
      const found = c.get('member')
      const session = found?.role === 'student' ? found.student.session : undefined
      const { student, again } = classroom.roster.join(body.name, session)
      setCookie(c, STUDENT_COOKIE, student.session, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
      })
      return c.json({ role: 'student', name: student.name, room: CLASS_ROOM }, again ? 200 : 201)
    })
    .post('/api/class/report', limit, async (c) => {
      const found = member(c)
      const report = await readJsonBody(c, reportBodySchema)
      const owner = ownPage(found, report.client)
      const name = found.role === 'student' ? found.student.name : 'instructor'
      classroom.reports.add(owner, name, report, await feed.head(CLASS_ROOM))
      classroom.keepTickerRunning()
      return c.body(null, 204)
    })
    .get('/api/class/info', async (c) => {
      operator(c)
      const urls = classroom.joinUrls
      const qrSvg = await QRCode.toString(urls[0] ?? '', { type: 'svg', margin: 1 })
      return c.json({ code: classroom.code, joinUrls: urls, qrSvg })
    })
    .get('/api/class/live', (c) => {
      operator(c)
      c.header('X-Accel-Buffering', 'no')
      return streamSSE(c, async (stream) => {
        const push = async () => {
          const figures = live.snapshot(await feed.head(CLASS_ROOM))
          await stream.writeSSE({ event: 'live', data: JSON.stringify(figures) })
        }
        await push()
        const timer = setInterval(push, LIVE_INTERVAL_MS)
        await whenClosed(stream, c.req.raw.signal, closing)
        clearInterval(timer)
      })
    })
    .post('/api/class/settings', limit, async (c) => {
      operator(c)
      return c.json(classroom.setSettings(await readJsonBody(c, classSettingsBodySchema)))
    })
    .post('/api/class/drop', limit, async (c) => {
      operator(c)
      const { transport } = await readJsonBody(c, transportBodySchema)
      return c.json({ transport, killed: classroom.drop([transport]) })
    })
    .post('/api/class/mute', limit, async (c) => {
      operator(c)
      const { name, muted } = await readJsonBody(c, muteBodySchema)
      const student = classroom.roster.byName(name)
      if (!student) throw new ApiError(404, 'not_found', `no student "${name}" in this class`)
      classroom.mute(student, muted)
      return c.json({ name: student.name, muted })
    })
    .post('/api/class/clear', async (c) => {
      operator(c)
      return c.json({ clearedSeq: await classroom.clear() })
    })
    .get('/api/class/presets', (c) => {
      member(c)
      return c.json(Object.values(PRESETS))
    })
    .post('/api/class/experiments', limit, async (c) => {
      operator(c)
      const { preset, ...options } = await readJsonBody(c, experimentBodySchema)
      return c.json(await classroom.experiments.start(preset, options), 201)
    })
    .post('/api/class/experiments/:id/results', limit, async (c) => {
      const found = member(c)
      const result = await readJsonBody(c, resultBodySchema)
      const owner = ownPage(found, result.client)
      const name = found.role === 'student' ? found.student.name : 'instructor'
      const page = { ...result, name, at: Date.now() }
      classroom.experiments.addResult(c.req.param('id'), page, owner)
      return c.body(null, 204)
    })
    .get('/api/class/experiments/:id', (c) => {
      member(c)
      const [id = '', csv] = c.req.param('id').split(/(\.csv)$/)
      const result = classroom.experiments.result(id)
      if (!csv) return c.json(result)
      c.header(
        'Content-Disposition',
        `attachment; filename="wirelab-class-${result.experiment.id}.csv"`,
      )
      return c.text(resultCsv(result), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
    })
}
