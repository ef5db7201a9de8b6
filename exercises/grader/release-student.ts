import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ReleaseRefusedError, releaseStudent } from './release.ts'

const HELP = `Usage: npm run release:student -- DIR [--force]

Writes a student copy of the project to DIR from its last commit (HEAD; uncommitted changes are
left out, and listed): every committed file except the exercises' solution/ and mutants/
folders, the labs' answer keys (answers.*.md), the grader's own tests and the project's CI
workflows. Adds a fresh exercises/checksums.json and .github/workflows/classroom.yml for GitHub
Classroom: one grading step that reports every exercise to Classroom's reporter with partial
credit per test (see exercises/grader/README.md).

  --force     DIR is not empty: replace its content (a .git/ folder in it is kept)
  -h, --help  show this help`

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(HELP)
    return 0
  }
  const [destination, ...extra] = positionals
  if (destination === undefined || extra.length > 0) {
    console.error(`release:student: give exactly one destination folder\n\n${HELP}`)
    return 2
  }
  // `npm run` starts us in the project root; DIR is relative to where the user typed it.
  const outDir = resolve(process.env.INIT_CWD ?? process.cwd(), destination)
  const report = await releaseStudent({ repoRoot, outDir, force: values.force ?? false })
  const total = report.exercises.reduce((sum, exercise) => sum + exercise.maxScore, 0)
  console.log(`Copied ${report.copied} committed files (HEAD) to ${outDir}.`)
  if (report.uncommitted.length > 0) {
    console.log(
      `Not in the release: ${report.uncommitted.length} uncommitted change(s); commit them first if they belong there:`,
    )
    for (const line of report.uncommitted) console.log(`  ${line}`)
  }
  for (const [reason, count] of report.leftOut) console.log(`Left out ${count} × ${reason}.`)
  for (const path of report.compiled) {
    console.log(`Compiled ${path} (it would answer an exercise; see exercises/grader/README.md).`)
  }
  console.log(
    `Wrote ${relative(outDir, report.workflowPath)}: ${report.exercises.length} exercises, ${total} points.`,
  )
  for (const exercise of report.exercises) console.log(`  ${exercise.name}  ${exercise.maxScore}`)
  console.log(
    `Next: cd ${outDir} && git init && git add . && git commit -m "Student release", push it and mark the repository as a template for GitHub Classroom.`,
  )
  return 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  console.error(`release:student: ${(error as Error).message}`)
  process.exitCode = error instanceof ReleaseRefusedError ? 2 : 3
}
