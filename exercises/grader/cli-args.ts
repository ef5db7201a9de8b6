import { parseArgs } from 'node:util'

/** The options of `npm run grade`, parsed. */
export interface GradeArgs {
  exercises: string[]
  json: string | undefined
  strict: boolean
  classroom: boolean
  pristine: string | undefined
  exercisesDir: string | undefined
  writeChecksums: boolean
  help: boolean
}

export const GRADE_HELP = `Usage: npm run grade [-- [options] [NN-name …]]

Runs the tests of the exercises once and prints, per test, PASS or FAIL with its time and
points, then the points of each exercise and the total.

  NN-name              grade only these exercises (e.g. 02-frames, or just 02); default: all

Options:
  --json FILE          also write the result as Gradescope results.json to FILE
  --strict             exit 1 unless every graded exercise has full marks
  --classroom          (GitHub Classroom) write each exercise's result, with partial credit per
                       test, as a step output to $GITHUB_OUTPUT for autograding-grading-reporter
  --pristine DIR       grade with the original tests from DIR (a clean copy of the project, or
                       of its exercises/ folder) instead of the tests in this folder
  --write-checksums    (instructors) rewrite exercises/checksums.json from the current tests
  --exercises-dir DIR  grade the exercises in DIR instead of exercises/
  -h, --help           show this help

When GITHUB_STEP_SUMMARY is set, a Markdown table of the points is appended to that file.
Exit codes: 0 graded, 1 not full marks with --strict, 2 bad command line, 3 the run broke.`

/** Throws a sentence naming the bad option when the command line cannot be parsed. */
export function parseGradeArgs(argv: readonly string[]): GradeArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'string' },
      strict: { type: 'boolean', default: false },
      classroom: { type: 'boolean', default: false },
      pristine: { type: 'string' },
      'exercises-dir': { type: 'string' },
      'write-checksums': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  return {
    exercises: positionals,
    json: values.json,
    strict: values.strict ?? false,
    classroom: values.classroom ?? false,
    pristine: values.pristine,
    exercisesDir: values['exercises-dir'],
    writeChecksums: values['write-checksums'] ?? false,
    help: values.help ?? false,
  }
}
