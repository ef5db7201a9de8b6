import type { Language } from '../i18n/index.ts'
import { type LabDoc, parseLab } from './lab-doc.ts'

// Each lab file becomes a chunk of its own, fetched when it is opened. The answer keys are not
// matched here, so they never reach the page (nor the student release's built page).
const SOURCES = import.meta.glob<string>('../../../labs/*/lab.*.md', {
  query: '?raw',
  import: 'default',
})

function keyOf(path: string): { id: string; language: Language } | null {
  const match = /\/labs\/(\d\d-[a-z0-9-]+)\/lab\.(en|pt-BR)\.md$/.exec(path)
  return match ? { id: match[1] as string, language: match[2] as Language } : null
}

/** The labs' ids (`03-sse`), in order. */
export const LAB_IDS: string[] = [
  ...new Set(
    Object.keys(SOURCES)
      .map((path) => keyOf(path)?.id)
      .filter((id): id is string => id !== undefined),
  ),
].sort()

/** `03` or `03-sse` → `03-sse`; null for a lab that does not exist. */
export function findLab(wanted: string): string | null {
  return LAB_IDS.find((id) => id === wanted || id.startsWith(`${wanted}-`)) ?? null
}

export async function loadLab(id: string, language: Language): Promise<LabDoc> {
  const entry = Object.entries(SOURCES).find(([path]) => {
    const key = keyOf(path)
    return key?.id === id && key.language === language
  })
  if (!entry) throw new Error(`no lab ${id} in ${language}`)
  return parseLab(id, language, await entry[1]())
}
