import { rmSync } from 'node:fs'
import { appendFile, stat, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkIntegrity, type IntegrityFinding, readManifest, writeManifest } from './checksums.ts'
import { classroomOutputs } from './classroom-results.ts'
import { GRADE_HELP, type GradeArgs, parseGradeArgs } from './cli-args.ts'
import { discoverExercises, type Exercise, exerciseAt, readPoints } from './exercises.ts'
import { chooseStyle, formatExercise, formatIntegrity, formatSummary } from './format-text.ts'
import { gradeTargets } from './grade-run.ts'
import { toGradescope } from './gradescope.ts'
import { Progress } from './progress.ts'
import { type GradeTarget, summarize } from './score.ts'
import { selectExercises, UnknownExerciseError } from './select-exercises.ts'
import { stepSummary } from './step-summary.ts'
import { copyWithPristineTests, createWorkspace, type Workspace } from './work-copy.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const style = chooseStyle(process.stdout.isTTY, process.env)

// `npm run` starts us in the project root; paths on the command line are relative to where the
// user typed it, which npm passes as INIT_CWD.
const fromUser = (path: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), path)

class UsageError extends Error {}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  )
}

/** `--pristine` takes a clean project or its `exercises/` folder. */
async function pristineExercisesDir(dir: string): Promise<string> {
  const inner = join(dir, 'exercises')
  if (await isDirectory(inner)) return inner
  if (await isDirectory(dir)) return dir
  throw new UsageError(`--pristine ${dir}: no such folder`)
}

async function buildTargets(
  args: GradeArgs,
  exercises: readonly Exercise[],
  workspace: Workspace | undefined,
): Promise<GradeTarget[]> {
  if (!workspace || args.pristine === undefined) {
    return Promise.all(
      exercises.map(async (exercise) => ({
        label: exercise.name,
        exerciseName: exercise.name,
        dir: exercise.dir,
        points: await readPoints(join(exercise.dir, 'points.json')),
      })),
    )
  }
  const pristineRoot = await pristineExercisesDir(fromUser(args.pristine))
  const targets: GradeTarget[] = []
  for (const exercise of exercises) {
    const original = exerciseAt(pristineRoot, exercise.name)
    if (!(await isDirectory(original.dir))) {
      throw new UsageError(`--pristine ${args.pristine}: it has no ${exercise.name}/ folder`)
    }
    targets.push(await copyWithPristineTests(workspace, exercise, original.dir))
  }
  return targets
}

async function integrityFindings(
  exercisesDir: string,
  exercises: readonly Exercise[],
): Promise<IntegrityFinding[]> {
  const manifest = await readManifest(exercisesDir)
  if (!manifest) {
    console.log(
      style.warn(
        `WARNING  no ${relative(repoRoot, exercisesDir)}/checksums.json: tests not verified`,
      ),
    )
    return []
  }
  return checkIntegrity(manifest, exercises)
}

async function grade(args: GradeArgs): Promise<number> {
  const exercisesDir = args.exercisesDir ? fromUser(args.exercisesDir) : join(repoRoot, 'exercises')
  if (args.writeChecksums) {
    console.log(`wrote ${await writeManifest(exercisesDir)}`)
    return 0
  }
  const githubOutput = process.env.GITHUB_OUTPUT
  if (args.classroom && !githubOutput) {
    throw new UsageError(
      '--classroom writes to $GITHUB_OUTPUT, which is not set (not in a GitHub Actions step)',
    )
  }
  const exercises = selectExercises(await discoverExercises(exercisesDir), args.exercises)
  if (exercises.length === 0) {
    console.log(`No exercises in ${exercisesDir} (folders NN-name/ with a points.json).`)
    return 0
  }
  const findings = await integrityFindings(exercisesDir, exercises)
  const integrityText = formatIntegrity(findings, style, args.pristine !== undefined)
  if (integrityText) console.log(`${integrityText}\n`)

  const workspace = args.pristine === undefined ? undefined : await createWorkspace(repoRoot)
  const removeOnInterrupt = (): void => {
    if (workspace) rmSync(workspace.dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', removeOnInterrupt)
  try {
    const targets = await buildTargets(args, exercises, workspace)
    const what = exercises.length === 1 ? exercises[0]?.name : `${exercises.length} exercises`
    const progress = new Progress(process.stdout, `Grading ${what}`)
    progress.start()
    const result = await gradeTargets({
      repoRoot,
      dir: workspace?.dir ?? exercisesDir,
      targets,
      onEvent: (event) => progress.onEvent(event),
      onGraded: (exercise) => progress.print(formatExercise(exercise, style)),
    })
    progress.clear()
    const { exercises: graded, run } = result
    // Even a broken run reports (every test not run, 0 points): Classroom then shows why.
    if (githubOutput && args.classroom) await appendFile(githubOutput, classroomOutputs(graded))
    for (const error of result.escapedErrors) {
      const where = error.label ? ` of ${error.label}` : ''
      console.log(
        style.warn(`WARNING  an error escaped the tests${where}: ${summarize(error.message)}`),
      )
    }
    if (run.timedOut) {
      console.log(
        style.fail(
          'The tests did not finish in time and were stopped; those left unfinished score 0.',
        ),
      )
    }
    if (run.modules.length === 0 && run.exitCode !== 0) {
      console.error(`Vitest failed before running any test:\n${run.log}`)
      return 3
    }
    console.log(formatSummary(graded, style))
    console.log(style.dim(`(${(result.elapsedMs / 1000).toFixed(1)} s)`))

    if (args.json) {
      const results = toGradescope(graded, findings, result.elapsedMs)
      await writeFile(fromUser(args.json), `${JSON.stringify(results, null, 2)}\n`)
    }
    const summaryFile = process.env.GITHUB_STEP_SUMMARY
    if (summaryFile) await appendFile(summaryFile, stepSummary(graded, findings))

    const fullMarks = graded.every(
      (exercise) => exercise.score === exercise.maxScore && exercise.problems.length === 0,
    )
    return args.strict && !fullMarks ? 1 : 0
  } finally {
    process.off('SIGINT', removeOnInterrupt)
    await workspace?.remove()
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseGradeArgs(argv)
    if (args.help) {
      console.log(GRADE_HELP)
      return 0
    }
    return await grade(args)
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      error instanceof UnknownExerciseError ||
      (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS')
    console.error(`grade: ${(error as Error).message}`)
    if (usage) console.error('Run `npm run grade -- --help` for the options.')
    return usage ? 2 : 3
  }
}

process.exitCode = await main(process.argv.slice(2))
