import MarkdownIt from 'markdown-it'
import { parse as parseYaml } from 'yaml'
import type { Language } from '../i18n/index.ts'
import type { Transport } from '../lib/exchange.ts'

/** What opening a lab sets on the page (labs/FORMAT.md, "Front matter"). */
export interface LabSettings {
  room?: string
  pollIntervalMs?: number
  longPollTimeoutMs?: number
  wsHeartbeatMs?: number
  tickerRate?: number
  tickerSize?: number
  panels?: Transport[]
}

export interface LabObjective {
  text: string
  /** The lecture's learning objectives (1–4) this one serves. */
  lecture: number[]
}

export interface LabFront {
  title: string
  duration: string
  objectives: LabObjective[]
  prerequisites: string[]
  exercises: string[]
  slides: string[]
  settings: LabSettings
}

/**
 * A fenced block of a step: a terminal command (`sh`), what it prints (`text`), what CI does
 * meanwhile (`doctest`), a snippet for the browser console on the lab page (`js`), or code the
 * student writes into a file (`ts file=PATH`: it must appear verbatim in that file of the repo).
 */
export interface LabBlock {
  kind: 'sh' | 'text' | 'doctest' | 'js' | 'file'
  content: string
  /** For `file`: the repository path the code is part of. */
  path?: string
}

export interface LabStep {
  number: number
  title: string
  blocks: LabBlock[]
}

export interface RecordRow {
  id: string
  what: string
  /** The live figure the page can copy into the row (`sse.bytesPerMessage`), if any. */
  figure?: string
}

export interface LabDoc {
  id: string
  language: Language
  front: LabFront
  /** The Markdown after the front matter. */
  body: string
  steps: LabStep[]
  record: RecordRow[]
  questions: string[]
}

/** The second-level headings of a lab, per language. */
export const SECTIONS: Record<
  Language,
  Record<'steps' | 'record' | 'questions' | 'further', string>
> = {
  en: { steps: 'Steps', record: 'Record', questions: 'Questions', further: 'Going further' },
  'pt-BR': { steps: 'Passos', record: 'Registro', questions: 'Questões', further: 'Para ir além' },
}

export const FIGURE_PATTERN =
  /^(?:(?:poll|longpoll|sse|ws)\.(?:requests|emptyResponses|bytesUp|bytesDown|bytesPerMessage|requestsPerMessage|connections|reconnects|messages|p50|p95|p99|roundTripP50|caughtUp)|ws\.(?:framesIn|framesOut|handshakeBytesIn|handshakeBytesOut)|clock\.(?:offset|uncertainty))$/

const markdown = new MarkdownIt({ html: false })

/** Splits `---` front matter from the body. */
function splitFrontMatter(source: string): { yaml: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source)
  if (!match) throw new Error('a lab starts with front matter between two --- lines')
  return { yaml: match[1] as string, body: source.slice(match[0].length) }
}

const list = (value: unknown, name: string): string[] => {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new Error(`front matter: ${name} must be a list of strings`)
  return value as string[]
}

function front(yaml: string): LabFront {
  const data = parseYaml(yaml) as Record<string, unknown> | null
  if (!data || typeof data !== 'object') throw new Error('front matter must be a YAML mapping')
  const text = (name: string) => {
    const value = data[name]
    if (typeof value !== 'string' || value.trim() === '')
      throw new Error(`front matter: ${name} is required`)
    return value
  }
  const objectives = data.objectives
  if (!Array.isArray(objectives) || objectives.length === 0)
    throw new Error('front matter: objectives must list at least one objective')
  return {
    title: text('title'),
    duration: text('duration'),
    objectives: objectives.map((objective, i) => {
      const o = objective as { text?: unknown; lecture?: unknown }
      if (typeof o.text !== 'string')
        throw new Error(`front matter: objectives[${i}].text is required`)
      const lecture = Array.isArray(o.lecture) ? o.lecture : []
      if (lecture.length === 0 || lecture.some((n) => ![1, 2, 3, 4].includes(n as number)))
        throw new Error(`front matter: objectives[${i}].lecture must list lecture objectives 1–4`)
      return { text: o.text, lecture: lecture as number[] }
    }),
    prerequisites: list(data.prerequisites, 'prerequisites'),
    exercises: list(data.exercises, 'exercises'),
    slides: list(data.slides, 'slides'),
    settings: (data.settings ?? {}) as LabSettings,
  }
}

/** Reads a lab file: its front matter, steps with their blocks, Record rows and questions. */
export function parseLab(id: string, language: Language, source: string): LabDoc {
  const { yaml, body } = splitFrontMatter(source)
  const names = SECTIONS[language]
  const tokens = markdown.parse(body, {})
  const steps: LabStep[] = []
  const record: RecordRow[] = []
  const questions: string[] = []
  let section = ''
  let row: string[] | null = null
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (!token) continue
    if (token.type === 'heading_open') {
      const title = tokens[i + 1]?.content ?? ''
      if (token.tag === 'h2') section = title
      if (token.tag === 'h3' && section === names.steps) {
        const match = /^(\d+)\.\s+(.+)$/.exec(title)
        if (!match)
          throw new Error(`${id} (${language}): step heading "${title}" must be "N. Title"`)
        steps.push({ number: Number(match[1]), title: match[2] as string, blocks: [] })
      }
    }
    if (token.type === 'fence' && section === names.steps) {
      const info = token.info.trim()
      const file = /^\w+\s+file=(\S+)$/.exec(info)?.[1]
      const kind = file ? 'file' : info
      if (
        kind === 'sh' ||
        kind === 'text' ||
        kind === 'doctest' ||
        kind === 'js' ||
        kind === 'file'
      ) {
        const step = steps.at(-1)
        if (!step) throw new Error(`${id} (${language}): a ${kind} block before the first step`)
        step.blocks.push({ kind, content: token.content, ...(file && { path: file }) })
      }
    }
    if (section === names.record) {
      if (token.type === 'tr_open') row = []
      if (token.type === 'inline' && row) row.push(token.content)
      if (token.type === 'tr_close' && row) {
        const [first = '', what = '', , last = ''] = row
        if (/^R\d+$/.test(first)) {
          const figure = /^`([^`]+)`$/.exec(last.trim())?.[1]
          if (figure !== undefined && !FIGURE_PATTERN.test(figure))
            throw new Error(`${id} (${language}): ${first} names an unknown figure "${figure}"`)
          record.push({ id: first, what, ...(figure !== undefined && { figure }) })
        }
        row = null
      }
    }
    if (section === names.questions && token.type === 'list_item_open' && token.level === 1) {
      questions.push(tokens[i + 2]?.content ?? '')
    }
  }
  return { id, language, front: front(yaml), body, steps, record, questions }
}
