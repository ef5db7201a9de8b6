import { readFile } from 'node:fs/promises'
import { z } from 'zod'

/**
 * A mutant is the solution with one plausible bug. It is kept as the edits that make it, not as a
 * second copy of the solution: a fix to the solution then reaches every mutant, and the bug is
 * the whole of what the file says.
 */
const mutantSchema = z.strictObject({
  bug: z.string().min(1),
  edits: z.array(z.strictObject({ find: z.string().min(1), replace: z.string() })).min(1),
})

export type Mutant = z.infer<typeof mutantSchema>

export async function readMutant(path: string): Promise<Mutant> {
  const parsed = mutantSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success) throw new Error(`${path}: not a mutant (${parsed.error.issues[0]?.message})`)
  return parsed.data
}

/** The solution's source with the mutant's edits made; each `find` must occur exactly once. */
export function applyMutant(solution: string, mutant: Mutant, name: string): string {
  let source = solution
  mutant.edits.forEach(({ find, replace }, index) => {
    const first = source.indexOf(find)
    if (first < 0 || source.indexOf(find, first + 1) >= 0) {
      const times = first < 0 ? 'not found' : 'found more than once'
      throw new Error(
        `mutant ${name}, edit ${index + 1}: its "find" text is ${times} in the solution`,
      )
    }
    source = source.slice(0, first) + replace + source.slice(first + find.length)
  })
  return `// Mutant: ${mutant.bug}\n${source}`
}
