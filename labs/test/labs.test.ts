import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXERCISES_DIR, LABS_DIR, LANGUAGES, labCluster, listLabs } from './doc-test-lab.ts'

const labIds = listLabs()
// `npm run release:student` leaves out the answer keys, and the grader's own tests with them.
const studentCopy = !existsSync(join(EXERCISES_DIR, 'grader', 'exercises-meta.test.ts'))

describe('the labs', () => {
  it('are there, each in both languages with its answer key (none in a student copy)', () => {
    expect(labIds.length).toBeGreaterThan(0)
    for (const id of labIds) {
      // A lab on a cluster has no Chromium walk: the walk would start a second cluster and run its
      // commands a third time; web/e2e/cluster.test.ts follows the page through nginx instead.
      const walk = labCluster(id) ? [] : ['walk.test.ts']
      for (const file of ['lab.en.md', 'lab.pt-BR.md', 'lab.test.ts', ...walk]) {
        expect(existsSync(join(LABS_DIR, id, file)), `${id}/${file}`).toBe(true)
      }
      for (const file of ['answers.en.md', 'answers.pt-BR.md']) {
        expect(existsSync(join(LABS_DIR, id, file)), `${id}/${file}`).toBe(!studentCopy)
      }
    }
  })
})

describe('exercises', () => {
  it('name only labs that exist', () => {
    for (const exercise of readdirSync(EXERCISES_DIR).filter((name) => /^\d\d-/.test(name))) {
      for (const language of LANGUAGES) {
        const task = readFileSync(join(EXERCISES_DIR, exercise, `task.${language}.md`), 'utf8')
        const named = [...task.matchAll(/^lab:\s*(\S+)$|lab `(\d\d-[a-z0-9-]+)`/gm)].map(
          (match) => match[1] ?? match[2],
        )
        for (const lab of named)
          expect(labIds, `${exercise}/task.${language}.md names ${lab}`).toContain(lab)
      }
    }
  })
})
