import { ApiError } from '../http/errors.ts'
import type { Member } from './membership.ts'

/**
 * In a class a student sends under its own name only, and not at all while muted; the instructor
 * sends as anyone. The same rule for `POST /api/messages`, WebSocket and Socket.IO sends.
 */
export function checkClassSend(member: Member | undefined, user: string): void {
  if (member?.role !== 'student') return
  const { student } = member
  if (student.forgotten) {
    throw new ApiError(401, 'class_join_required', 'this name is someone else’s now: join again')
  }
  if (student.muted) throw new ApiError(403, 'muted', 'the instructor muted you in this class')
  if (user !== student.name) {
    throw new ApiError(403, 'forbidden', `in this class you send as "${student.name}"`)
  }
}

/** Whom the send rate counts a send against: a student (all its tabs), else the page's id. */
export function senderKey(
  member: Member | undefined,
  client: string | undefined,
): string | undefined {
  return member?.role === 'student' ? `student:${member.student.key}` : client
}
