import type { ClassMe, ClassRole, ClassState } from './class-contract.ts'

/** A page of a class that may follow it: a student (with its name) or the instructor. */
export interface ClassMember {
  role: ClassRole
  name: string | null
  state: ClassState | null
}

/**
 * `GET /api/class/me`. A server that does not answer it (an older one, a proxy in the way) runs no
 * class: the page is the open lab, as before class mode existed.
 */
export async function fetchClassMe(fetchImpl: typeof fetch = fetch): Promise<ClassMe> {
  try {
    const response = await fetchImpl('/api/class/me', { cache: 'no-store' })
    return response.ok ? parseClassMe(await response.json()) : { mode: 'open' }
  } catch {
    return { mode: 'open' }
  }
}

/** Checks the answer's shape; throws a sentence naming the first bad field. */
export function parseClassMe(body: unknown): ClassMe {
  const me = body as Partial<Record<string, unknown>> | null
  if (typeof me !== 'object' || me === null) throw new TypeError('class/me must be an object')
  if (me.mode === 'open') return { mode: 'open' }
  if (me.mode !== 'class')
    throw new TypeError(`class/me.mode must be open or class, got ${me.mode}`)
  if (me.role !== null && me.role !== 'student' && me.role !== 'instructor') {
    throw new TypeError(`class/me.role must be student, instructor or null, got ${me.role}`)
  }
  if (me.role === 'student' && typeof me.name !== 'string') {
    throw new TypeError('class/me.name must be the student’s name')
  }
  return body as ClassMe
}

/** The member this page is, or null: not in class mode, or not joined yet. */
export function classMember(me: ClassMe): ClassMember | null {
  if (me.mode !== 'class' || me.role === null) return null
  return { role: me.role, name: me.name ?? null, state: me.state ?? null }
}

/** Where a page that is not in the class goes to join it, keeping the code its link carried. */
export function joinPageUrl(search: string): string {
  const code = new URLSearchParams(search).get('code')
  return code ? `/join/?${new URLSearchParams({ code })}` : '/join/'
}
