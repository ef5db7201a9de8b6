import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverExercises, type Exercise, readPoints } from './exercises.ts'
import { gradeTargets } from './grade-run.ts'
import type { GradedExercise, GradeTarget } from './score.ts'
import { materializeFixtures, repoRoot } from './test-support.ts'
import { copyVariant, createWorkspace, listMutants, type Variant } from './work-copy.ts'

// The tests of the tests: in ONE Vitest run, every exercise is graded with its solution (full
// marks), its starter (0) and each of its mutants (must lose points). The grader's fixture
// exercises go through the same checks, so this file works before any real exercise exists.

const workspace = await createWorkspace(repoRoot)
const fixtureSources = await createWorkspace(repoRoot)
await materializeFixtures(fixtureSources.dir)

interface Subject {
  exercise: Exercise
  kind: 'exercise' | 'fixture'
  solution: GradeTarget | Error
  starter: GradeTarget | Error
  mutants: { name: string; target: GradeTarget | Error }[]
}

async function prepare(
  workspaceExercise: Exercise,
  variant: Variant,
): Promise<GradeTarget | Error> {
  return copyVariant(workspace, workspaceExercise, variant).catch((error: Error) => error)
}

async function subjectOf(exercise: Exercise, kind: Subject['kind']): Promise<Subject> {
  const mutants = await Promise.all(
    (await listMutants(exercise)).map(async (name) => ({
      name,
      target: await prepare(exercise, { mutant: name }),
    })),
  )
  const [solution, starter] = [
    await prepare(exercise, 'solution'),
    await prepare(exercise, 'starter'),
  ]
  return { exercise, kind, solution, starter, mutants }
}

// `WIRELAB_EXERCISES=02-frames,07-heartbeat` checks only those (an author working on one).
const only = process.env.WIRELAB_EXERCISES?.split(',').filter(Boolean)
const chosen = (await discoverExercises(join(repoRoot, 'exercises'))).filter(
  (exercise) => !only || only.includes(exercise.name),
)

const subjects = [
  ...(await Promise.all(chosen.map((exercise) => subjectOf(exercise, 'exercise')))),
  ...(await Promise.all(
    (await discoverExercises(fixtureSources.dir)).map((exercise) => subjectOf(exercise, 'fixture')),
  )),
]

const graded = new Map<GradeTarget, GradedExercise>()

function resultOf(target: GradeTarget | Error): GradedExercise {
  if (target instanceof Error) throw target
  const result = graded.get(target)
  if (!result) throw new Error(`${target.label} was not graded`)
  return result
}

/** The `points:` of a task's front matter. */
async function announcedPoints(taskPath: string): Promise<number | string> {
  const text = await readFile(taskPath, 'utf8').catch(() => '')
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? ''
  const points = /^points:\s*(\d+(?:\.\d+)?)\s*$/m.exec(frontMatter)?.[1]
  return points === undefined ? `no "points:" in the front matter of ${taskPath}` : Number(points)
}

const failing = (result: GradedExercise): string[] =>
  result.tests
    .filter((test) => test.status !== 'passed')
    .map((test) => `${test.name}: ${test.reason}`)

beforeAll(async () => {
  const targets = subjects.flatMap((subject) =>
    [subject.solution, subject.starter, ...subject.mutants.map((mutant) => mutant.target)].filter(
      (target): target is GradeTarget => !(target instanceof Error),
    ),
  )
  const run = await gradeTargets({ repoRoot, dir: workspace.dir, targets, isolate: false })
  for (const [index, target] of targets.entries()) {
    const result = run.exercises[index]
    if (result) graded.set(target, result)
  }
  console.log(
    `graded ${targets.length} copies of ${subjects.length} exercises in one run: ${(run.elapsedMs / 1000).toFixed(1)} s`,
  )
}, 180_000)

afterAll(async () => {
  for (const kind of ['exercise', 'fixture'] as const) {
    const mutants = subjects
      .filter((subject) => subject.kind === kind)
      .flatMap((subject) => subject.mutants)
    const killed = mutants.filter(({ target }) => {
      const result = target instanceof Error ? undefined : graded.get(target)
      return result !== undefined && result.score < result.maxScore
    })
    console.log(`mutation score (${kind}s): ${killed.length}/${mutants.length} mutants killed`)
  }
  await Promise.all([workspace.remove(), fixtureSources.remove()])
})

describe.each(
  subjects.map((subject) => [`${subject.exercise.name} (${subject.kind})`, subject] as const),
)('%s', (_label, subject) => {
  it('scores full marks with its solution', () => {
    expect(failing(resultOf(subject.solution))).toEqual([])
  })

  it('has a points.json that names exactly the tests of its test file', () => {
    const result = resultOf(subject.solution)
    const notRun = result.tests.filter((test) => test.status === 'not run').map((test) => test.name)
    expect({ problems: result.problems, notRun }).toEqual({ problems: [], notRun: [] })
  })

  it('scores 0 with its starter', () => {
    const result = resultOf(subject.starter)
    const passing = result.tests.filter((test) => test.score > 0).map((test) => test.name)
    expect(passing).toEqual([])
  })

  if (subject.kind === 'exercise') {
    it('announces the points of points.json in both task texts', async () => {
      const points = await readPoints(join(subject.exercise.dir, 'points.json'))
      const total = Object.values(points).reduce((sum, value) => sum + value, 0)
      const announced = await Promise.all(
        ['task.en.md', 'task.pt-BR.md'].map((name) =>
          announcedPoints(join(subject.exercise.dir, name)),
        ),
      )
      expect(announced).toEqual([total, total])
    })
  }

  if (subject.kind === 'exercise') {
    it('has the same section headings as every task, in both languages', async () => {
      const headings = async (language: string) => {
        const text = await readFile(join(subject.exercise.dir, `task.${language}.md`), 'utf8')
        const all = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1] ?? '')
        // Topic sections (the frame, the format) may come before the task; the rest is fixed.
        return all.slice(Math.max(0, all.indexOf(language === 'en' ? 'The task' : 'A tarefa')))
      }
      const fixed = (en: string, pt: string, optional = false) => ({ en, pt, optional })
      const sections = [
        fixed('The task', 'A tarefa'),
        fixed('Examples', 'Exemplos'),
        fixed('Hints', 'Dicas'),
        fixed('Traps', 'Armadilhas'),
        fixed('How to run', 'Como rodar'),
        fixed('Going further', 'Para ir além', true),
      ]
      for (const language of ['en', 'pt-BR'] as const) {
        const found = await headings(language)
        const expected = sections
          .filter((section) => !section.optional || found.length === sections.length)
          .map((section) => (language === 'en' ? section.en : section.pt))
        expect(found, `task.${language}.md`).toEqual(expected)
      }
    })
  }

  it('has at least three mutants', () => {
    expect(subject.mutants.map((mutant) => mutant.name).length).toBeGreaterThanOrEqual(3)
  })

  it.each(subject.mutants.map((mutant) => [mutant.name, mutant.target] as const))(
    'loses points with the mutant %s',
    (_name, target) => {
      const result = resultOf(target)
      expect(
        result.score,
        `the mutant scored full marks ${result.score}/${result.maxScore}`,
      ).toBeLessThan(result.maxScore)
    },
  )
})
