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

/** One file of the committed tree (HEAD). */
export interface CommittedFile {
  /** Relative, with `/`. */
  path: string
  /** Git's mode: `100644`, `100755` (executable) or `120000` (a symlink, `content` its target). */
  mode: string
  content: Buffer
}

function git(repoRoot: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd: repoRoot, input, maxBuffer: 1 << 30 })
}

/**
 * Every file of HEAD as committed, whatever the working tree holds: an uncommitted edit (a solved
 * starter, say) never reaches a release.
 */
export function committedFiles(repoRoot: string): CommittedFile[] {
  const entries = git(repoRoot, ['ls-tree', '-r', '-z', 'HEAD'])
    .toString('utf8')
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta = '', path = ''] = line.split('\t')
      const [mode = '', type = '', object = ''] = meta.split(' ')
      return { mode, type, object, path }
    })
    .filter((entry) => entry.type === 'blob')
  // One `git cat-file --batch` for all of them: "<object> blob <size>\n<content>\n" each.
  const batch = git(repoRoot, ['cat-file', '--batch'], entries.map((e) => `${e.object}\n`).join(''))
  let offset = 0
  return entries.map((entry) => {
    const headerEnd = batch.indexOf(0x0a, offset)
    const size = Number(batch.toString('latin1', offset, headerEnd).split(' ')[2])
    const content = batch.subarray(headerEnd + 1, headerEnd + 1 + size)
    offset = headerEnd + 1 + size + 1
    return { path: entry.path, mode: entry.mode, content }
  })
}

/** `git status` lines of what differs from HEAD (edits, new files), which a release leaves out. */
export function uncommittedChanges(repoRoot: string): string[] {
  return git(repoRoot, ['status', '--porcelain=v1', '-z'])
    .toString('utf8')
    .split('\0')
    .filter((line) => /^[ MADRCU?]{2} /.test(line))
}
