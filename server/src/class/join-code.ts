import { randomBytes } from 'node:crypto'

/** No I, O, 0 or 1: a code read off a projector is not mistyped. */
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const CODE_PATTERN = /^[A-Za-z0-9]{4,32}$/

/** A fresh class code: 6 characters, about 30 bits. */
export function newJoinCode(): string {
  return [...randomBytes(6)].map((byte) => CODE_LETTERS[byte % CODE_LETTERS.length]).join('')
}

/** Codes are read without case: a phone's keyboard may capitalize or not. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase()
}
