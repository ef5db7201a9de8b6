import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { discoverExercises, type Exercise, protectedFiles } from './exercises.ts'

/** `exercises/checksums.json`: sha256 of every protected file, keyed `NN-name/file`. */
export interface ChecksumManifest {
  regenerate: string
  files: Record<string, string>
}

export interface IntegrityFinding {
  /** `NN-name/file`, relative to the exercises folder. */
  file: string
  problem: 'modified' | 'missing' | 'added' | 'not in the checksum manifest'
}

export const MANIFEST_FILE = 'checksums.json'
export const REGENERATE_COMMAND = 'npm run grade -- --write-checksums'

const manifestSchema = z.object({
  regenerate: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
})

// A Windows checkout with core.autocrlf turns LF into CRLF: that is not a modification.
async function sha256(path: string): Promise<string> {
  const text = (await readFile(path, 'utf8')).replaceAll('\r\n', '\n')
  return createHash('sha256').update(text).digest('hex')
}

export async function computeManifest(exercisesDir: string): Promise<ChecksumManifest> {
  const files: Record<string, string> = {}
  for (const exercise of await discoverExercises(exercisesDir)) {
    for (const name of await protectedFiles(exercise)) {
      files[`${exercise.name}/${name}`] = await sha256(join(exercise.dir, name))
    }
  }
  return { regenerate: REGENERATE_COMMAND, files }
}

export function serializeManifest(manifest: ChecksumManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

export async function writeManifest(exercisesDir: string): Promise<string> {
  const path = join(exercisesDir, MANIFEST_FILE)
  await writeFile(path, serializeManifest(await computeManifest(exercisesDir)))
  return path
}

export async function readManifest(exercisesDir: string): Promise<ChecksumManifest | undefined> {
  const path = join(exercisesDir, MANIFEST_FILE)
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const parsed = manifestSchema.safeParse(JSON.parse(text))
  if (!parsed.success)
    throw new Error(`${path} is malformed; rewrite it with ${REGENERATE_COMMAND}`)
  return parsed.data
}

/** Compares the protected files of `exercises` with the manifest. */
export async function checkIntegrity(
  manifest: ChecksumManifest,
  exercises: readonly Exercise[],
): Promise<IntegrityFinding[]> {
  const findings: IntegrityFinding[] = []
  for (const exercise of exercises) {
    const prefix = `${exercise.name}/`
    const expected = Object.entries(manifest.files).filter(([file]) => file.startsWith(prefix))
    if (expected.length === 0) {
      findings.push({ file: prefix, problem: 'not in the checksum manifest' })
      continue
    }
    for (const [file, hash] of expected) {
      const actual = await sha256(join(exercise.dir, file.slice(prefix.length))).catch(
        () => undefined,
      )
      if (actual === undefined) findings.push({ file, problem: 'missing' })
      else if (actual !== hash) findings.push({ file, problem: 'modified' })
    }
    const present = await readdir(exercise.dir)
    for (const name of present.filter((file) => file.endsWith('.test.ts'))) {
      if (!(`${prefix}${name}` in manifest.files))
        findings.push({ file: `${prefix}${name}`, problem: 'added' })
    }
  }
  return findings
}
