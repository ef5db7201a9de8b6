import { LIMITS } from '../protocol.ts'

/** Words a student's name may not contain: they would pass for the instructor or the server. */
const RESERVED = new Set([
  'instructor',
  'instrutor',
  'instrutora',
  'professor',
  'professora',
  'prof',
  'profa',
  'teacher',
  'docente',
  'monitor',
  'monitora',
  'tutor',
  'tutora',
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
const SEPARATORS = /[ .'_-]+/

/**
 * The scripts a name's letters may come from, one per name: "Аna" with a Cyrillic А would pass
 * for "Ana". Japanese mixes three scripts, so they count as one.
 */
const SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  /\p{Script=Hangul}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Devanagari}/u,
  /\p{Script=Thai}/u,
]

/** Latin letters that decomposing does not strip to a plain one. */
const LOOKALIKES: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
}

export type NameCheck =
  | { ok: true; name: string; key: string }
  | { ok: false; reason: 'invalid' | 'reserved'; message: string }

/**
 * A student's name as the class shows it (trimmed, NFC, spaces collapsed), and its key: the name
 * folded (case, accents and lookalike letters ignored), so "Ána" cannot pass for "Ana" nor
 * "Professor Silva" for the instructor.
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
  if (!oneScript(name)) return invalid('a name is written in one alphabet')
  const key = foldName(name)
  const words = key.split(SEPARATORS)
  if (words.some((word) => RESERVED.has(word)) || RESERVED.has(words.join(''))) {
    return {
      ok: false,
      reason: 'reserved',
      message: `"${name}" would pass for the instructor or the server`,
    }
  }
  return { ok: true, name, key }
}

/** Lower case, without accents, marks or lookalike letters: how two names are compared. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđħŧæœß]/g, (letter) => LOOKALIKES[letter] ?? letter)
}

function oneScript(name: string): boolean {
  const letters = [...name].filter((char) => HAS_LETTER.test(char))
  return SCRIPTS.some((script) => letters.every((letter) => script.test(letter)))
}

function invalid(message: string): NameCheck {
  return { ok: false, reason: 'invalid', message }
}
