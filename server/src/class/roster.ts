import { randomBytes } from 'node:crypto'
import { ApiError } from '../http/errors.ts'
import { checkName } from './names.ts'

/** A name is held while its session was seen this recently (a page reports every 2 s). */
export const NAME_HELD_MS = 30_000
/** A student not seen for this long is forgotten: the roster holds the class, not every visit. */
const STUDENT_KEPT_MS = 10 * 60_000
/** More students than any class: past it, joining waits until some are forgotten. */
export const MAX_STUDENTS = 2_000

/** One student: every tab of one browser shares its session (the cookie). */
export interface Student {
  readonly session: string
  readonly name: string
  /** The folded name: what uniqueness and the rate limits count. */
  readonly key: string
  muted: boolean
  lastSeen: number
  /** Its name went to another session: its open sockets may not speak for it any more. */
  forgotten: boolean
}

/** The class's students, by session and by name. */
export class Roster {
  readonly #bySession = new Map<string, Student>()
  readonly #byKey = new Map<string, Student>()

  constructor(readonly now: () => number = Date.now) {}

  /**
   * Joins `name` with this browser's session (if it has one): the same session may join again,
   * under its name or a new one; a name held by another session seen lately is refused.
   */
  join(rawName: string, session: string | undefined): { student: Student; again: boolean } {
    const checked = checkName(rawName)
    if (!checked.ok) {
      throw checked.reason === 'reserved'
        ? new ApiError(403, 'forbidden', checked.message)
        : new ApiError(400, 'bad_request', checked.message)
    }
    const mine = session === undefined ? undefined : this.#bySession.get(session)
    if (mine?.key === checked.key) {
      mine.lastSeen = this.now()
      return { student: mine, again: true }
    }
    const holder = this.#byKey.get(checked.key)
    if (holder && holder !== mine && this.now() - holder.lastSeen < NAME_HELD_MS) {
      throw new ApiError(
        409,
        'conflict',
        `"${holder.name}" is in the class already: if it is you on another device, wait ${NAME_HELD_MS / 1000} s or choose another name`,
      )
    }
    if (holder) this.#forget(holder)
    if (mine) this.#forget(mine)
    this.#forgetUnseen()
    if (this.#byKey.size >= MAX_STUDENTS) {
      throw new ApiError(503, 'rate_limited', `the class is full (${MAX_STUDENTS} students)`)
    }
    const student: Student = {
      session: randomBytes(16).toString('base64url'),
      name: checked.name,
      key: checked.key,
      // A muted name stays muted, whoever takes it, and a muted session under a new name too.
      muted: (holder?.muted ?? false) || (mine?.muted ?? false),
      lastSeen: this.now(),
      forgotten: false,
    }
    this.#bySession.set(student.session, student)
    this.#byKey.set(student.key, student)
    return { student, again: false }
  }

  /** The student of a session, marked as seen now. */
  bySession(session: string | undefined): Student | undefined {
    const student = session === undefined ? undefined : this.#bySession.get(session)
    if (student) student.lastSeen = this.now()
    return student
  }

  byName(name: string): Student | undefined {
    const checked = checkName(name)
    return checked.ok ? this.#byKey.get(checked.key) : undefined
  }

  list(): Student[] {
    return [...this.#byKey.values()]
  }

  #forgetUnseen(): void {
    const now = this.now()
    for (const student of this.#byKey.values()) {
      if (now - student.lastSeen > STUDENT_KEPT_MS) this.#forget(student)
    }
  }

  #forget(student: Student): void {
    student.forgotten = true
    this.#bySession.delete(student.session)
    if (this.#byKey.get(student.key) === student) this.#byKey.delete(student.key)
  }
}
