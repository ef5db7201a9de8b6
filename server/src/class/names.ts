import { LIMITS } from '../protocol.ts'

/** Names a student may not take: they would pass for the instructor or for the server. */
const RESERVED = new Set([
  'instructor',
  'instrutor',
  'instrutora',
  'professor',
  'professora',
  'teacher',
  'operator',
  'operador',
  'operadora',
  'admin',
  'ticker',
  'system',
  'sistema',
  'wirelab',
])

/** Letters, marks, digits, space and . ' - _ ; at least one letter. */
const ALLOWED = /^[\p{L}\p{M}\p{Nd} .'_-]+$/u
const HAS_LETTER = /\p{L}/u

export type NameCheck =
  | { ok: true; name: string; key: string }
  | { ok: false; reason: 'invalid' | 'reserved'; message: string }

/**
 * A student's name as the class shows it (trimmed, NFC, spaces collapsed), and its key: the name
 * folded (case and accents ignored), so "Ána" cannot pass for "Ana" nor "INSTRUCTOR" for the
 * instructor.
 */
export function checkName(raw: string): NameCheck {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ')
  const length = [...name].length
  if (length < 1 || length > LIMITS.userMaxChars) {
    return invalid(`a name has 1 to ${LIMITS.userMaxChars} characters`)
  }
  if (!ALLOWED.test(name) || !HAS_LETTER.test(name)) {
    return invalid("a name has letters, and may have digits, spaces and . ' - _")
  }
  const key = foldName(name)
  if (RESERVED.has(key.replace(/[ .'_-]/g, ''))) {
    return {
      ok: false,
      reason: 'reserved',
      message: `"${name}" is kept for the instructor and the server`,
    }
  }
  return { ok: true, name, key }
}

/** Lower case, without accents or marks: how two names are compared. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function invalid(message: string): NameCheck {
  return { ok: false, reason: 'invalid', message }
}
