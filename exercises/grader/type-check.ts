import { execFile } from 'node:child_process'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import type { Messages } from './messages.ts'
import type { GradeTarget } from './score.ts'

/** One error `tsc` found in an exercise's files. */
export interface TypeDiagnostic {
  /** Relative to the exercise folder, with `/`: `frames.ts`. */
  file: string
  line: number
  column: number
  /** `TS2322`. */
  code: string
  message: string
}

/** What type errors cost: the points of one test, taken from what the tests earned (never < 0). */
export const TYPE_ERROR_PENALTY = 1

const slashed = (path: string): string => path.replaceAll('\\', '/')

function isInside(path: string, dir: string): boolean {
  const fromDir = relative(dir, path)
  return fromDir !== '' && !fromDir.startsWith('..') && !isAbsolute(fromDir)
}

// `file(line,col): error TS1234: message` (tsc --pretty false), paths relative to the cwd.
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/

function tscBin(repoRoot: string): string {
  const require = createRequire(join(repoRoot, 'package.json'))
  return join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc')
}

async function topLevelTsFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [])
  return names.filter((name) => name.endsWith('.ts')).map((name) => join(dir, name))
}

interface RawDiagnostic {
  path: string
  line: number
  column: number
  code: string
  message: string
}

/** One `tsc` over `files` with the project's compiler options; its errors, paths absolute. */
async function runTsc(repoRoot: string, files: readonly string[]): Promise<RawDiagnostic[]> {
  // Beside the work copies, inside the project: `extends` and `node_modules` resolve from there.
  const scratchDir = join(repoRoot, '.grade-tmp')
  await mkdir(scratchDir, { recursive: true })
  const config = join(scratchDir, `tsconfig.grade-${process.pid}-${Date.now()}.json`)
  await writeFile(
    config,
    JSON.stringify({ extends: join(repoRoot, 'tsconfig.json'), include: [], files }),
  )
  try {
    const { code, stdout, stderr } = await new Promise<{
      code: number
      stdout: string
      stderr: string
    }>((done, fail) => {
      execFile(
        process.execPath,
        [tscBin(repoRoot), '-p', config, '--pretty', 'false'],
        { cwd: repoRoot, maxBuffer: 16 << 20 },
        (error, stdout, stderr) => {
          // tsc exits non-zero when it finds errors: only a failure to start is an error here.
          if (error && typeof error.code !== 'number') fail(error)
          else done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
        },
      )
    })
    const diagnostics = stdout.split('\n').flatMap((line) => {
      const match = DIAGNOSTIC.exec(line.trim())
      if (!match) return []
      const [, path = '', lineNo, column, code = '', message = ''] = match
      const absolute = resolve(repoRoot, path)
      return [{ path: absolute, line: Number(lineNo), column: Number(column), code, message }]
    })
    if (code !== 0 && diagnostics.length === 0) {
      throw new Error(`tsc exited with ${code} and no error list: ${stderr || stdout}`)
    }
    return diagnostics
  } finally {
    await rm(config, { force: true })
  }
}

/**
 * Type-checks each target's files (the student's file and the tests that use it) with the
 * project's own compiler options. Targets outside the project cannot be checked (its tsconfig,
 * `package.json` and `node_modules` would not apply) and get `undefined`.
 */
export async function typeCheck(
  repoRoot: string,
  targets: readonly GradeTarget[],
): Promise<Map<GradeTarget, TypeDiagnostic[] | undefined>> {
  const result = new Map<GradeTarget, TypeDiagnostic[] | undefined>()
  let pending = targets.filter((target) => isInside(target.dir, repoRoot))
  for (const target of targets) result.set(target, pending.includes(target) ? [] : undefined)
  // tsc reports no type error at all while any file has a syntax error (TS1xxx): a second run
  // without the exercises that do not parse finds the type errors of the others.
  while (pending.length > 0) {
    const files = (await Promise.all(pending.map((target) => topLevelTsFiles(target.dir)))).flat()
    const unparsed = new Set<GradeTarget>()
    for (const diagnostic of await runTsc(repoRoot, files)) {
      const target = pending.find((candidate) => isInside(diagnostic.path, candidate.dir))
      if (!target) continue
      if (/^TS1\d{3}$/.test(diagnostic.code)) unparsed.add(target)
      result.get(target)?.push({
        file: slashed(relative(target.dir, diagnostic.path)),
        line: diagnostic.line,
        column: diagnostic.column,
        code: diagnostic.code,
        message: diagnostic.message,
      })
    }
    pending = unparsed.size > 0 ? pending.filter((target) => !unparsed.has(target)) : []
  }
  return result
}

/** The type check as one more check of the exercise, for the JSON reports: what it cost, why. */
export function typeCheckEntry(
  exercise: { typeErrors: TypeDiagnostic[] | undefined; typePenalty: number },
  t: Messages,
): { name: string; passed: boolean; score: number; output: string } | undefined {
  const errors = exercise.typeErrors
  if (errors === undefined) return undefined
  return {
    name: t.typeCheck,
    passed: errors.length === 0,
    score: -exercise.typePenalty,
    output: errors.length
      ? [
          `${t.typeErrors(errors.length)} ${t.typePenalty(String(exercise.typePenalty))}`,
          ...errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`),
        ].join('\n')
      : t.noTypeErrors,
  }
}
