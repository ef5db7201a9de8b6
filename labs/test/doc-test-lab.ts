import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { type RunningCluster, startCluster } from '../../server/src/cluster/cluster.ts'
import { type Config, parseCli } from '../../server/src/config.ts'
import { type RunningServer, startServer } from '../../server/src/server.ts'
import type { Language } from '../../web/src/i18n/index.ts'
import { type LabDoc, type LabStep, parseLab } from '../../web/src/labs/lab-doc.ts'
import {
  type LabServer,
  matchesExpected,
  parseDirectives,
  parseServes,
  parseVariables,
  perform,
  resolve,
  runCommand,
  type ServedProgram,
  serve,
} from './doc-test.ts'

export const LABS_DIR = new URL('../', import.meta.url).pathname
export const EXERCISES_DIR = new URL('../../exercises/', import.meta.url).pathname
export const LANGUAGES: Language[] = ['en', 'pt-BR']

/** The lab folders, `NN-slug`, in order. */
export function listLabs(): string[] {
  return readdirSync(LABS_DIR)
    .filter((name) => /^\d\d-[a-z0-9-]+$/.test(name))
    .sort()
}

/**
 * `languages: once`: the step's commands print the same in every language (a tool with no notes
 * of its own to translate) and leave the lab's server alone, so CI runs them in the first
 * language only; the structure test checks that every language promises the same output.
 */
export const onceForAllLanguages = (step: LabStep) =>
  step.blocks.some(
    (block) => block.kind === 'doctest' && /^languages:\s*once\s*$/m.test(block.content),
  )

export function readLab(id: string, language: Language): LabDoc {
  return parseLab(id, language, readFileSync(join(LABS_DIR, id, `lab.${language}.md`), 'utf8'))
}

/**
 * `server: [--class, --class-code, LAB13]` in a lab's front matter: the flags the lab's server is
 * started with (`npm start -- --class …`, as the lab tells the student); none for a plain
 * `npm start`. Only CI reads it: the page has no use for it.
 */
export function labServerFlags(id: string, language: Language = 'en'): string[] {
  const flags = frontMatter(id, language).server ?? []
  if (!Array.isArray(flags) || flags.some((flag) => typeof flag !== 'string'))
    throw new Error(`${id}: front matter server must be a list of flags, like [--class]`)
  return flags as string[]
}

/** `cluster: {instances: 3, sticky: false}`: the lab runs on `npm run cluster` (labs/FORMAT.md). */
export interface LabCluster {
  instances: number
  sticky: boolean
}

/**
 * `cluster: {instances: 3, sticky: false}` in a lab's front matter: the lab's `localhost:3000` is
 * `npm run cluster -- --instances 3 --port 3000` (nginx in front of that many instances sharing
 * one Redis), not `npm start`. Only CI reads it, as it reads `server:`.
 */
export function labCluster(id: string, language: Language = 'en'): LabCluster | undefined {
  return readCluster(id, frontMatter(id, language).cluster)
}

/** The front matter's `cluster` value, checked; undefined when the lab has none. */
export function readCluster(id: string, cluster: unknown): LabCluster | undefined {
  if (cluster === undefined) return undefined
  const { instances, sticky = false, ...rest } = (cluster ?? {}) as Record<string, unknown>
  if (
    !Number.isInteger(instances) ||
    (instances as number) < 1 ||
    (instances as number) > 8 ||
    typeof sticky !== 'boolean' ||
    Object.keys(rest).length > 0
  )
    throw new Error(
      `${id}: front matter cluster must be {instances: 1 to 8, sticky: true|false} (got ${JSON.stringify(cluster)})`,
    )
  return { instances: instances as number, sticky }
}

function frontMatter(id: string, language: Language): Record<string, unknown> {
  const source = readFileSync(join(LABS_DIR, id, `lab.${language}.md`), 'utf8')
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? ''
  return (parseYaml(yaml) as Record<string, unknown> | null) ?? {}
}

/** The config of a lab's server in CI: its flags, on a free port of the loopback interface. */
export function labServerConfig(id: string): Config {
  const cli = parseCli(labServerFlags(id), {})
  if (cli.help) throw new Error(`${id}: front matter server asks for --help`)
  return { ...cli.config, port: 0, host: '127.0.0.1' }
}

/**
 * A lab's tests, in the lab's own folder so that Vitest runs the labs in parallel: both
 * languages have the same structure, name only labs and exercises that exist, and every command
 * prints what the lab says the student will see, against a real server.
 */
export function docTestLab(id: string): void {
  const labIds = listLabs()
  describe(id, () => {
    it('has the same steps, commands, outputs, record rows and questions in both languages', () => {
      const [en, pt] = LANGUAGES.map((language) => readLab(id, language)) as [LabDoc, LabDoc]
      expect(pt.steps.map((s) => s.number)).toEqual(en.steps.map((s) => s.number))
      // Commands and what CI does are the same; what the tools print is in the lab's language.
      const sameEverywhere = (lab: LabDoc) =>
        lab.steps.map((s) => s.blocks.map((b) => (b.kind === 'text' ? 'text' : b)))
      expect(sameEverywhere(pt)).toEqual(sameEverywhere(en))
      expect(pt.record.map((r) => [r.id, r.figure])).toEqual(en.record.map((r) => [r.id, r.figure]))
      expect(pt.questions.length).toBe(en.questions.length)
      for (const [index, step] of en.steps.entries()) {
        if (!onceForAllLanguages(step)) continue
        expect(
          pt.steps[index]?.blocks,
          `step ${step.number}: the same output in every language`,
        ).toEqual(step.blocks)
      }
      expect({
        ...pt.front,
        title: '',
        objectives: pt.front.objectives.map((o) => o.lecture),
      }).toEqual({
        ...en.front,
        title: '',
        objectives: en.front.objectives.map((o) => o.lecture),
      })
      expect(labServerFlags(id, 'pt-BR')).toEqual(labServerFlags(id, 'en'))
      expect(labCluster(id, 'pt-BR')).toEqual(labCluster(id, 'en'))
      expect(en.steps.map((s) => s.number)).toEqual(en.steps.map((_, i) => i + 1))
      expect(en.record.length).toBeGreaterThan(0)
      expect(en.questions.length).toBeGreaterThan(0)
    })

    it('shows code that is really in the files it names', () => {
      for (const language of LANGUAGES) {
        for (const block of readLab(id, language).steps.flatMap((step) => step.blocks)) {
          if (block.kind !== 'file' || !block.path) continue
          const file = join(LABS_DIR, '..', block.path)
          expect(existsSync(file), `${block.path} (${language})`).toBe(true)
          expect(readFileSync(file, 'utf8'), `${block.path} (${language})`).toContain(block.content)
        }
      }
    })

    it('names only labs and exercises that exist', () => {
      const { front } = readLab(id, 'en')
      for (const lab of front.prerequisites) expect(labIds, `prerequisite ${lab}`).toContain(lab)
      for (const exercise of front.exercises) {
        expect(
          existsSync(join(EXERCISES_DIR, exercise, 'task.en.md')),
          `exercise ${exercise}`,
        ).toBe(true)
      }
    })

    const cluster = labCluster(id)
    if (!cluster) {
      for (const language of LANGUAGES) {
        const lab: LabServer = { origin: new URL('http://127.0.0.1') }
        commandTests(id, language, lab, () => {
          let server: RunningServer
          beforeAll(async () => {
            server = await startServer(labServerConfig(id))
            lab.origin = new URL(server.url)
            lab.operatorToken = server.operatorToken
          })
          afterAll(() => server?.close())
        })
      }
      return
    }
    // One cluster for both languages: redis-server, the instances and nginx take seconds to start.
    const mode = cluster.sticky ? 'sticky' : 'round robin'
    describe(`on a cluster: ${cluster.instances} instances behind nginx (${mode}), one log in Redis`, () => {
      const lab: LabServer = { origin: new URL('http://127.0.0.1') }
      let running: RunningCluster
      beforeAll(async () => {
        running = await startCluster({
          instances: cluster.instances,
          sticky: cluster.sticky,
          instanceFlags: ['--api-only', ...labServerFlags(id)],
        })
        lab.origin = new URL(running.url)
        lab.operatorToken = running.operatorToken
        lab.cluster = { redisUrl: running.redis.url }
      }, 120_000)
      afterAll(() => running?.stop())
      for (const language of LANGUAGES) commandTests(id, language, lab)
    })
  })
}

/**
 * One language's commands, a test per step, against `lab` (filled in by the hooks that start its
 * server: `startHooks` for a server of this language's own, or the cluster's, shared).
 */
function commandTests(
  id: string,
  language: Language,
  lab: LabServer,
  startHooks?: () => void,
): void {
  const steps = readLab(id, language).steps.filter(
    (step) =>
      step.blocks.some((block) => block.kind === 'sh') &&
      (language === LANGUAGES[0] || !onceForAllLanguages(step)),
  )
  if (steps.length === 0) return
  describe(`${language}: every command prints what the lab says`, () => {
    startHooks?.()
    for (const step of steps) {
      it(`step ${step.number}: ${step.title}`, () => runStep(step, lab, language), 60_000)
    }
  })
}

/**
 * Does what the step's doctest blocks say, runs its commands, and checks what they print. `then`
 * runs after the commands, while the programs the step started (`serve:`) are still up: the
 * Chromium walk does the step's page actions there.
 */
export async function runStep(
  step: LabStep,
  server: LabServer,
  language: Language,
  then?: (servers: ServedProgram[]) => Promise<void>,
): Promise<void> {
  const doctests = step.blocks.filter((block) => block.kind === 'doctest')
  const directives = doctests.flatMap(parseDirectives)
  for (const directive of directives.filter((d) => d.when === 'before')) {
    await perform(directive, server)
  }
  const values = new Map<string, string>()
  for (const variable of doctests.flatMap(parseVariables)) {
    values.set(variable.name, await resolve(variable, server))
  }
  const typed = (command: string) =>
    [...values].reduce(
      (text, [name, value]) => text.replace(new RegExp(`\\b${name}\\b`, 'g'), value),
      command,
    )
  const { origin } = server
  const servers: ServedProgram[] = []
  try {
    for (const program of doctests.flatMap(parseServes)) {
      servers.push(await serve(program.port, program.command))
    }
    for (const [index, block] of step.blocks.entries()) {
      if (block.kind !== 'sh') continue
      const timers = directives
        .filter((d) => d.when === 'during')
        .map((d) => setTimeout(() => void perform(d, server), d.delayMs))
      const run = await runCommand(typed(block.content.trim()), origin, language, servers)
      for (const timer of timers) clearTimeout(timer)
      const next = step.blocks[index + 1]
      if (next?.kind === 'text') {
        expect(
          matchesExpected(next.content, run.output),
          `$ ${run.command}\n--- expected ---\n${next.content}--- printed ---\n${run.output}`,
        ).toBe(true)
      } else {
        expect(run.code, `$ ${run.command}\n${run.output}`).toBe(0)
      }
    }
    await then?.(servers)
  } finally {
    for (const program of servers) program.stop()
  }
}
