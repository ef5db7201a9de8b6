import { execFileSync } from 'node:child_process'

/** Why a tracked file stays out of the student copy. */
export type LeftOutReason =
  | 'solution'
  | 'mutant'
  | 'answer key'
  | "grader's own tests"
  | 'instructor workflow'

const rules: ReadonlyArray<readonly [RegExp, LeftOutReason]> = [
  [/^exercises\/[^/]+\/solution\//, 'solution'],
  [/^exercises\/[^/]+\/mutants\//, 'mutant'],
  [/^labs\/(?:.+\/)?answers(?:\.[^/]*)?\.md$/, 'answer key'],
  // They need the solutions and mutants, so they cannot run in a student copy.
  [/^exercises\/grader\/(?:fixtures\/|.*\.test\.ts$|test-support)/, "grader's own tests"],
  // The project's CI would run, and fail, in every student repository: only Classroom's runs.
  [/^\.github\/workflows\//, 'instructor workflow'],
]

/** The reason `path` (relative, with `/`) is left out of the student copy, if it is. */
export function leftOutReason(path: string): LeftOutReason | undefined {
  return rules.find(([pattern]) => pattern.test(path))?.[1]
}

/** The files git tracks in `repoRoot`, relative, with `/`. */
export function trackedFiles(repoRoot: string): string[] {
  const output = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
  return output.split('\0').filter((path) => path !== '')
}
