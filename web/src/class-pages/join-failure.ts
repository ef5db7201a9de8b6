import type { ClassTexts } from './texts.ts'

export type JoinFailure = keyof ClassTexts['join']['errors']

/** Why `POST /api/class/join` failed, from its status (DESIGN.md, "Class mode"): 0 is no answer. */
export function joinFailure(status: number): JoinFailure {
  switch (status) {
    case 0:
      return 'offline'
    case 400:
      return 'badName'
    case 401:
      return 'wrongCode'
    case 403:
      return 'reservedName'
    case 409:
      return 'nameInUse'
    case 429:
      return 'tooManyTries'
    default:
      return 'other'
  }
}

/** The class code as typed on a phone: spaces dropped, upper case (the server reads it without case). */
export function normalizeCode(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase()
}
