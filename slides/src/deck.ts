import { parse as parseYaml } from 'yaml'
import type { Language } from '../../web/src/i18n/index.ts'
import { PRESENT_VIEWS } from '../../web/src/present.ts'

/** The parts of a slide's speaker notes, each opened by its bold label (slides/FORMAT.md). */
export type NotePart = 'time' | 'say' | 'demo' | 'ask'

export const NOTE_LABELS: Record<Language, Record<NotePart, string>> = {
  en: { time: 'Time', say: 'Say', demo: 'Demo', ask: 'Ask' },
  'pt-BR': { time: 'Tempo', say: 'Fale', demo: 'Demo', ask: 'Pergunte' },
}

/** The room the deck's live views share (students can join it from their own page). */
export const DECK_ROOM = 'slides'

/**
 * What a live slide can embed: one of the lab page's presentation views (`/?present=race`), or
 * `class-result`, the class dashboard's result of the latest experiment (`/class/?view=result`).
 */
export const LIVE_VIEWS = [...PRESENT_VIEWS, 'class-result'] as const
export type LiveView = (typeof LIVE_VIEWS)[number]

export interface Slide {
  /** Its address in the deck (`#/handshake`) and the name labs use for it. */
  id: string
  /** Extra classes for the slide's layout (`<!-- slide: title class=cover -->`). */
  classes: string[]
  /** The slide's Markdown (HTML allowed: the deck is ours). */
  content: string
  /** The speaker notes' Markdown. */
  notes: string
  /** The labelled parts of the notes, in order. */
  noteParts: NotePart[]
  /** The live views the slide embeds (`<wl-live view="race">`: the lab page's `?present=race`). */
  live: LiveView[]
  /** Mermaid diagrams in the slide (```mermaid blocks). */
  diagrams: number
}

export interface Deck {
  language: Language
  title: string
  /** The lecture's line under the title (course, number). */
  subtitle: string
  slides: Slide[]
}

const SLIDE = /^<!-- slide: ([a-z0-9-]+)((?: [a-z]+=[a-z0-9-]+)*) -->$/
const NOTES = /^<!-- notes -->$/
const LIVE = /<wl-live view="([a-z-]+)"/g

/** Reads one language's deck: front matter, then slides each opened by a `<!-- slide: id -->`. */
export function parseDeck(language: Language, source: string): Deck {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source)
  if (!match) throw new Error('a deck starts with front matter between two --- lines')
  const front = parseYaml(match[1] as string) as { title?: unknown; subtitle?: unknown } | null
  if (typeof front?.title !== 'string' || typeof front.subtitle !== 'string')
    throw new Error('front matter: title and subtitle are required')
  const slides: Slide[] = []
  let current: { id: string; classes: string[]; content: string[]; notes: string[] | null } | null =
    null
  const finish = () => {
    if (current) slides.push(toSlide(language, current))
  }
  const lines = source.slice(match[0].length).split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    const slide = SLIDE.exec(line)
    if (slide) {
      finish()
      const classes = [...(slide[2] ?? '').matchAll(/ class=([a-z0-9-]+)/g)].map((m) => m[1] ?? '')
      current = { id: slide[1] as string, classes, content: [], notes: null }
      continue
    }
    if (!current) {
      if (line.trim() !== '') throw new Error(`line ${index + 1}: text before the first slide`)
      continue
    }
    if (NOTES.test(line)) {
      if (current.notes) throw new Error(`slide ${current.id}: two <!-- notes --> markers`)
      current.notes = []
    } else (current.notes ?? current.content).push(line)
  }
  finish()
  const seen = new Set<string>()
  for (const slide of slides) {
    if (seen.has(slide.id)) throw new Error(`slide id ${slide.id} is used twice`)
    seen.add(slide.id)
  }
  return { language, title: front.title, subtitle: front.subtitle, slides }
}

function toSlide(
  language: Language,
  raw: { id: string; classes: string[]; content: string[]; notes: string[] | null },
): Slide {
  const content = raw.content.join('\n').trim()
  const notes = (raw.notes ?? []).join('\n').trim()
  if (notes === '') throw new Error(`slide ${raw.id}: speaker notes are missing`)
  const noteParts = notePartsOf(language, raw.id, notes)
  for (const required of ['time', 'say'] as const) {
    if (!noteParts.includes(required))
      throw new Error(`slide ${raw.id}: the notes need a **${NOTE_LABELS[language][required]}:**`)
  }
  const live = [...content.matchAll(LIVE)].map((m) => {
    const view = m[1] as LiveView
    if (!LIVE_VIEWS.includes(view)) throw new Error(`slide ${raw.id}: no live view "${view}"`)
    return view
  })
  const diagrams = content.match(/^```mermaid$/gm)?.length ?? 0
  return { id: raw.id, classes: raw.classes, content, notes, noteParts, live, diagrams }
}

/** The labels opening the notes' lines (`**Say:** …`), in order; an unknown label is an error. */
function notePartsOf(language: Language, id: string, notes: string): NotePart[] {
  const byLabel = new Map(
    Object.entries(NOTE_LABELS[language]).map(([part, label]) => [label, part as NotePart]),
  )
  const parts: NotePart[] = []
  for (const line of notes.split('\n')) {
    const label = /^\*\*([^*]+):\*\*/.exec(line)?.[1]
    if (label === undefined) continue
    const part = byLabel.get(label)
    if (!part) throw new Error(`slide ${id}: the notes have no part called "${label}"`)
    parts.push(part)
  }
  return parts
}
