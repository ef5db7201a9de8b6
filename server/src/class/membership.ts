import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/app-env.ts'
import { ApiError } from '../http/errors.ts'
import { isOperator, OPERATOR_COOKIE } from '../http/operator.ts'
import { sameSecret } from '../http/secrets.ts'
import { guarded } from '../http/token.ts'
import { isUpgradeRequest, WS_PATH } from '../http/upgrades.ts'
import { SOCKETIO_PATH } from '../protocol.ts'
import type { Classroom } from './classroom.ts'
import type { Student } from './roster.ts'

/** The cookie `POST /api/class/join` leaves: the student's session, shared by its tabs. */
export const STUDENT_COOKIE = 'wirelab_student'

/** Who a request of a class comes from. */
export type Member = { role: 'instructor' } | { role: 'student'; student: Student }

/** Open to everyone in class mode besides the pages: joining, and asking who one is. */
const OPEN_PATHS = new Set(['/api/class/join', '/api/class/me'])

export const JOIN_REQUIRED =
  'this server runs a class: open /join and type the class code to take part'

/** Socket.IO's first request of a session, and whose it was (its namespace handshake asks). */
const socketIoMembers = new WeakMap<IncomingMessage, Member>()

/** The class member a Socket.IO session's first request came from. */
export function memberOfRequest(request: IncomingMessage): Member | undefined {
  return socketIoMembers.get(request)
}

/** Who owns what a member does: the instructor, or one student's session (one browser). */
export function memberKey(member: Member): string {
  return member.role === 'instructor' ? 'instructor' : `student:${member.student.session}`
}

/** The same member (both none counts as the same: nobody). */
export function sameMember(a: Member | undefined, b: Member | undefined): boolean {
  return (a && memberKey(a)) === (b && memberKey(b))
}

/** The member a request comes from: the operator token, or a student's session cookie. */
export function memberOf(
  c: Context,
  classroom: Classroom,
  operatorToken: string,
): Member | undefined {
  if (isOperator(c, operatorToken)) return { role: 'instructor' }
  const student = classroom.roster.bySession(getCookie(c, STUDENT_COOKIE))
  return student && { role: 'student', student }
}

/**
 * Class mode: everything `--token` would guard needs a member of the class (a student who joined
 * with the code, or the instructor). HTTP without one is a 401 `class_join_required`; a WebSocket
 * is opened and closed with 1008 and that reason; Socket.IO refuses at its namespace's handshake.
 * The instructor's dashboard link `/class?operator=TOKEN` leaves the operator's cookie.
 */
export function requireClassMember(
  classroom: Classroom | undefined,
  operatorToken: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!classroom) return next()
    const path = c.req.path
    if (path === '/class' || path === '/class/') {
      const given = c.req.query('operator')
      if (given !== undefined) return operatorLink(c, given, operatorToken)
    }
    const member = memberOf(c, classroom, operatorToken)
    if (member) {
      c.set('member', member)
      const client = c.req.query('client')
      if (client !== undefined && !classroom.clients.claim(client, memberKey(member))) {
        throw new ApiError(403, 'forbidden', 'this page id belongs to another member of the class')
      }
    }
    if (path.startsWith(SOCKETIO_PATH)) {
      if (member && c.env?.incoming) socketIoMembers.set(c.env.incoming, member)
      return next()
    }
    if (member || !guarded(path) || OPEN_PATHS.has(path)) return next()
    if (path === WS_PATH && isUpgradeRequest(c)) {
      c.set('refused', JOIN_REQUIRED)
      return next()
    }
    throw new ApiError(401, 'class_join_required', JOIN_REQUIRED)
  }
}

/** `/class?operator=TOKEN`: the cookie, then the dashboard without the token in the address bar. */
function operatorLink(c: Context<AppEnv>, given: string, operatorToken: string): Response {
  if (!sameSecret(given, operatorToken)) {
    throw new ApiError(403, 'forbidden', 'this is not the operator token printed at start')
  }
  setCookie(c, OPERATOR_COOKIE, given, { path: '/', httpOnly: true, sameSite: 'Strict' })
  return c.redirect('/class/')
}
