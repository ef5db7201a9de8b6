import { runnerId } from './classroom-results.ts'

/** One autograded exercise in the GitHub Classroom workflow. */
export interface ClassroomExercise {
  name: string
  maxScore: number
}

// The reporter GitHub Classroom's own workflows end with. It reads each runner's result from the
// env variable `<RUNNER ID IN UPPER CASE>_RESULTS` (base64 JSON, see classroom-results.ts) and adds
// up the scores of every test in it: so the grader writes those results itself, with partial
// credit per test, instead of one all-or-nothing `autograding-command-grader` step per exercise.
const REPORTER = 'classroom-resources/autograding-grading-reporter@v1'
export const GRADE_STEP_ID = 'grade'
const GRADE_TIMEOUT_MINUTES = 10

/**
 * `.github/workflows/classroom.yml`: install, one grading step that writes every exercise's result
 * as a step output, then the reporter that sends the points to Classroom. Formatted as Biome
 * formats YAML, so that the student copy's own `npm run lint` passes.
 */
export function classroomWorkflow(exercises: readonly ClassroomExercise[]): string {
  for (const exercise of exercises) {
    if (!/^\d\d-[a-z0-9-]+$/.test(exercise.name)) {
      throw new Error(`exercise name "${exercise.name}" must look like NN-name`)
    }
  }
  const ids = exercises.map((exercise) => runnerId(exercise.name))
  return [
    '# Written by `npm run release:student`: grades every exercise with partial credit per test.',
    'name: Autograding Tests',
    '"on":',
    '  - push',
    '  - repository_dispatch',
    'permissions:',
    '  checks: write',
    '  actions: read',
    '  contents: read',
    'jobs:',
    '  run-autograding-tests:',
    '    runs-on: ubuntu-latest',
    "    if: github.actor != 'github-classroom[bot]'",
    '    steps:',
    '      - name: Checkout code',
    '        uses: actions/checkout@v4',
    '      - name: Set up Node.js',
    '        uses: actions/setup-node@v4',
    '        with:',
    '          node-version: "20"',
    '          cache: npm',
    '      - name: Install dependencies',
    '        run: npm ci --no-audit --no-fund',
    '      - name: Grade the exercises',
    `        id: ${GRADE_STEP_ID}`,
    `        timeout-minutes: ${GRADE_TIMEOUT_MINUTES}`,
    '        run: npm run grade -- --classroom',
    '      - name: Autograding Reporter',
    '        if: always()',
    `        uses: ${REPORTER}`,
    '        env:',
    ...ids.map(
      (id) =>
        `          ${id.toUpperCase()}_RESULTS: "\${{ steps.${GRADE_STEP_ID}.outputs.${id} }}"`,
    ),
    '        with:',
    `          runners: ${ids.join(',')}`,
    '',
  ].join('\n')
}
