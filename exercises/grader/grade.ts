import { rmSync } from 'node:fs'
import { appendFile, stat, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkIntegrity, type IntegrityFinding, readManifest, writeManifest } from './checksums.ts'
import { classroomOutputs } from './classroom-results.ts'
import { type GradeArgs, gradeHelp, parseGradeArgs } from './cli-args.ts'
import { discoverExercises, type Exercise, exerciseAt, readPoints } from './exercises.ts'
import { chooseStyle, formatExercise, formatIntegrity, formatSummary } from './format-text.ts'
import { gradeTargets } from './grade-run.ts'
import { toGradescope } from './gradescope.ts'
import { inExerciseOrder } from './in-order.ts'
import { chooseLang, MESSAGES, type Messages } from './messages.ts'
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
async function pristineExercisesDir(dir: string, t: Messages): Promise<string> {
  const inner = join(dir, 'exercises')
  if (await isDirectory(inner)) return inner
  if (await isDirectory(dir)) return dir
  throw new UsageError(t.noSuchPristine(dir))
}

async function buildTargets(
  args: GradeArgs,
  exercises: readonly Exercise[],
  workspace: Workspace | undefined,
  t: Messages,
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
  const pristineRoot = await pristineExercisesDir(fromUser(args.pristine), t)
  const targets: GradeTarget[] = []
  for (const exercise of exercises) {
    const original = exerciseAt(pristineRoot, exercise.name)
    if (!(await isDirectory(original.dir))) {
      throw new UsageError(t.pristineLacks(args.pristine, exercise.name))
    }
    targets.push(await copyWithPristineTests(workspace, exercise, original.dir))
  }
  return targets
}

async function integrityFindings(
  exercisesDir: string,
  exercises: readonly Exercise[],
  t: Messages,
): Promise<IntegrityFinding[]> {
  const manifest = await readManifest(exercisesDir)
  if (!manifest) {
    const path = `${relative(repoRoot, exercisesDir)}/checksums.json`
    console.log(style.warn(`${t.warning}  ${t.noChecksums(path)}`))
    return []
  }
  return checkIntegrity(manifest, exercises)
}

async function grade(args: GradeArgs, t: Messages): Promise<number> {
  const exercisesDir = args.exercisesDir ? fromUser(args.exercisesDir) : join(repoRoot, 'exercises')
  if (args.writeChecksums) {
    console.log(t.wrote(await writeManifest(exercisesDir)))
    return 0
  }
  const githubOutput = process.env.GITHUB_OUTPUT
  if (args.classroom && !githubOutput) {
    throw new UsageError(t.classroomNeedsOutput)
  }
  const exercises = selectExercises(await discoverExercises(exercisesDir), args.exercises, t)
  if (exercises.length === 0) {
    console.log(t.noExercises(exercisesDir))
    return 0
  }
  const findings = await integrityFindings(exercisesDir, exercises, t)
  const integrityText = formatIntegrity(findings, style, args.pristine !== undefined, t)
  if (integrityText) console.log(`${integrityText}\n`)

  const workspace = args.pristine === undefined ? undefined : await createWorkspace(repoRoot)
  const removeOnInterrupt = (): void => {
    if (workspace) rmSync(workspace.dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', removeOnInterrupt)
  try {
    const targets = await buildTargets(args, exercises, workspace, t)
    const what = exercises.length === 1 ? exercises[0]?.name : t.exercisesCount(exercises.length)
    const progress = new Progress(process.stdout, t.grading(what ?? ''), t)
    progress.start()
    const result = await gradeTargets({
      repoRoot,
      dir: workspace?.dir ?? exercisesDir,
      targets,
      messages: t,
      onEvent: (event) => progress.onEvent(event),
      onGraded: inExerciseOrder(targets, (exercise) =>
        progress.print(formatExercise(exercise, style, t)),
      ),
    })
    progress.clear()
    const { exercises: graded, run } = result
    // Even a broken run reports (every test not run, 0 points): Classroom then shows why.
    if (githubOutput && args.classroom) await appendFile(githubOutput, classroomOutputs(graded, t))
    for (const error of result.escapedErrors) {
      const escaped = t.escaped(error.label ?? '', summarize(error.message, t))
      console.log(style.warn(`${t.warning}  ${escaped}`))
    }
    if (run.timedOut) {
      console.log(style.fail(t.timedOut))
    }
    if (run.modules.length === 0 && run.exitCode !== 0) {
      console.error(t.vitestBroke(run.log))
      return 3
    }
    console.log(formatSummary(graded, style, t))
    console.log(style.dim(`(${(result.elapsedMs / 1000).toFixed(1)} s)`))

    if (args.json) {
      const results = toGradescope(graded, findings, result.elapsedMs, t)
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
  // The language comes first, so that even a bad command line is answered in it.
  const langFlag = argv.find(
    (arg, index) => argv[index - 1] === '--lang' || arg.startsWith('--lang='),
  )
  const t = MESSAGES[chooseLang(langFlag?.replace(/^--lang=/, ''), process.env)]
  try {
    const args = parseGradeArgs(argv)
    if (args.help) {
      console.log(gradeHelp(t === MESSAGES['pt-BR'] ? 'pt-BR' : 'en'))
      return 0
    }
    return await grade(args, t)
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      error instanceof UnknownExerciseError ||
      (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS')
    console.error(`grade: ${(error as Error).message}`)
    if (usage) console.error(t.seeHelp)
    return usage ? 2 : 3
  }
}

process.exitCode = await main(process.argv.slice(2))
