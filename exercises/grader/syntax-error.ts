import { basename } from 'node:path'
import { stripVTControlCharacters } from 'node:util'

/** Where a file that does not parse first goes wrong, from Vite's "Transform failed" error. */
export interface SyntaxErrorAt {
  file: string
  line: number
  column: number
  message: string
  /** The offending line as written, when the error shows it. */
  source: string | undefined
}

// Vite (oxc) reports, e.g.:
//   [PARSE_ERROR] Expected function name
//       ╭─[ ../exercises/02-frames/frames.ts:10:17 ]
//    10 │ export function (bytes: Uint8Array) {
const PARSE_ERROR = /\[PARSE_ERROR\] (.+)\n[\s\S]*?╭─\[ ?(.+?):(\d+):(\d+) ?\]/

export function parseSyntaxError(errorText: string): SyntaxErrorAt | undefined {
  const text = stripVTControlCharacters(errorText)
  const match = PARSE_ERROR.exec(text)
  if (!match) return undefined
  const [, message = '', file = '', line = '0', column = '0'] = match
  const source = new RegExp(`^\\s*${line} │ (.*)$`, 'm').exec(text)?.[1]
  return { file: basename(file), line: Number(line), column: Number(column), message, source }
}

/** `frames.ts:10:17: Expected function name`, then the line and a caret under the column. */
export function describeSyntaxError(error: SyntaxErrorAt): string {
  const where = `${error.file}:${error.line}:${error.column}: ${error.message}`
  if (error.source === undefined) return where
  const gutter = `${error.line} | `
  return [
    where,
    `${gutter}${error.source}`,
    `${' '.repeat(gutter.length + error.column - 1)}^`,
  ].join('\n')
}
