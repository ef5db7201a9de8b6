/** One autograded exercise in the GitHub Classroom workflow. */
export interface ClassroomExercise {
  name: string
  maxScore: number
}

// GitHub Classroom's own generated workflows use these actions; the reporter reads each runner's
// result from the env variable `<RUNNER ID IN UPPER CASE>_RESULTS`.
const COMMAND_GRADER = 'classroom-resources/autograding-command-grader@v1'
const REPORTER = 'classroom-resources/autograding-grading-reporter@v1'
const TIMEOUT_MINUTES = 5

/** A step id must start with a letter; `02-frames` does not. */
export function stepId(exerciseName: string): string {
  return `exercise-${exerciseName}`
}

function graderStep(exercise: ClassroomExercise): string[] {
  return [
    `      - name: ${exercise.name}`,
    `        id: ${stepId(exercise.name)}`,
    `        uses: ${COMMAND_GRADER}`,
    '        with:',
    `          test-name: ${exercise.name}`,
    `          command: npm run grade -- ${exercise.name} --strict`,
    `          timeout: ${TIMEOUT_MINUTES}`,
    `          max-score: ${exercise.maxScore}`,
  ]
}

/**
 * `.github/workflows/classroom.yml`: one command-grader step per exercise (all or nothing, with
 * the exercise's points as its max score), then the reporter that sends the total to Classroom.
 */
export function classroomWorkflow(exercises: readonly ClassroomExercise[]): string {
  for (const exercise of exercises) {
    if (!/^\d\d-[a-z0-9-]+$/.test(exercise.name)) {
      throw new Error(`exercise name "${exercise.name}" must look like NN-name`)
    }
  }
  const ids = exercises.map((exercise) => stepId(exercise.name))
  return [
    'name: Autograding Tests',
    "'on':",
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
    "          node-version: '20'",
    '          cache: npm',
    '      - name: Install dependencies',
    '        run: npm install --no-audit --no-fund',
    ...exercises.flatMap(graderStep),
    '      - name: Autograding Reporter',
    `        uses: ${REPORTER}`,
    '        env:',
    ...ids.map((id) => `          ${id.toUpperCase()}_RESULTS: "\${{steps.${id}.outputs.result}}"`),
    '        with:',
    `          runners: ${ids.join(',')}`,
    '',
  ].join('\n')
}
