import type { TestProject } from 'vitest/node'
import { buildWebForTest } from './web-build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web UI built from the current sources, once for every browser test of the run. */
    webDist: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const build = await buildWebForTest()
  project.provide('webDist', build.dist)
  return build.remove
}
