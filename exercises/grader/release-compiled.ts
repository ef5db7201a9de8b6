import { posix } from 'node:path'
import { isolatedDeclarationSync, minifySync, transformSync } from 'rolldown/experimental'

/**
 * Lab modules that are an exercise's answer almost line by line, and that no lab quotes: the
 * student copy ships them compiled (minified JavaScript and bare type declarations, no comments),
 * so that the exercise is not solved by opening the lab's source. Measured before this rule:
 * server/src/transports/heartbeat.ts, renamed to the exercise's API, scored 16/22 on 07-heartbeat.
 */
export const COMPILED_IN_RELEASE: ReadonlyMap<string, string> = new Map([
  ['server/src/transports/heartbeat.ts', '07-heartbeat'],
])

/** `server/src/transports/heartbeat.ts` → `server/src/transports/heartbeat.min.js` */
export const compiledPath = (path: string): string => path.replace(/\.ts$/, '.min.js')

const header = (path: string, exercise: string): string =>
  `// ${posix.basename(path)} compiled by release:student: it would be exercise ${exercise}'s answer.\n`

/** The compiled module and its declarations, or an error naming what stopped the compiler. */
export function compileForRelease(
  path: string,
  source: string,
  exercise: string,
): { js: string; dts: string } {
  const fileName = posix.basename(path)
  const transformed = transformSync(fileName, source, { lang: 'ts' })
  const minified = minifySync(fileName.replace(/\.ts$/, '.js'), transformed.code, {
    compress: true,
    mangle: true,
  })
  const declarations = isolatedDeclarationSync(fileName, source, {})
  const errors = [...transformed.errors, ...minified.errors, ...declarations.errors]
  if (errors.length > 0) {
    throw new Error(`${path} cannot be compiled for the release: ${errors[0]?.message}`)
  }
  // The declarations keep the source's doc comments, which explain the algorithm: drop them.
  const dts = declarations.code.replaceAll(/^\s*\/\*\*[\s\S]*?\*\/\n/gm, '')
  return { js: header(path, exercise) + minified.code, dts: header(path, exercise) + dts }
}

const IMPORT_SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g

/** `source` (of `path`) with its imports of a compiled module pointed at the compiled file. */
export function pointImportsAtCompiled(path: string, source: string): string {
  return source.replaceAll(IMPORT_SPECIFIER, (whole, keyword, quote, specifier) => {
    const target = posix.normalize(posix.join(posix.dirname(path), specifier))
    if (!COMPILED_IN_RELEASE.has(target)) return whole
    return `${keyword}${quote}${compiledPath(specifier)}${quote}`
  })
}
