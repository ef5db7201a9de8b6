import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listLabs, readLab } from '../../labs/test/doc-test-lab.ts'
import { type Deck, parseDeck } from './deck.ts'

const SLIDES_DIR = new URL('../', import.meta.url).pathname
const REPO = new URL('../../', import.meta.url).pathname

function readDeck(language: 'en' | 'pt-BR'): Deck {
  return parseDeck(language, readFileSync(`${SLIDES_DIR}${language}/lecture-09.md`, 'utf8'))
}

const deck = (body: string) => parseDeck('en', `---\ntitle: T\nsubtitle: S\n---\n${body}`)

describe('the lecture deck', () => {
  const en = readDeck('en')
  const pt = readDeck('pt-BR')

  it('has the same slides, in the same order, with the same notes parts, in both languages', () => {
    const shape = (d: Deck) =>
      d.slides.map(({ id, classes, noteParts, live, diagrams }) => ({
        id,
        classes,
        noteParts,
        live,
        diagrams,
      }))
    expect(shape(pt)).toEqual(shape(en))
    expect(en.slides.length).toBeGreaterThan(20)
  })

  it('has the same frame figures, links and code blocks in both languages', () => {
    const kept = (d: Deck) =>
      d.slides.map((s) => ({
        figures: s.content.match(/<wl-frame-figure[^>]*>/g) ?? [],
        links: [...s.content.matchAll(/\]\((\/[^)]*)\)/g)].map((m) => m[1]),
        code: s.content.match(/^```(?!mermaid).*$/gm)?.length ?? 0,
      }))
    expect(kept(pt)).toEqual(kept(en))
  })

  it('links only labs and exercises that exist', () => {
    const labs = listLabs()
    for (const slide of [...en.slides, ...pt.slides]) {
      for (const [, lab] of slide.content.matchAll(/\/\?lab=([\w-]+)/g)) {
        expect(labs, `slide ${slide.id}`).toContain(lab)
      }
      for (const [, exercise] of slide.content.matchAll(/exercises\/(\d\d-[\w-]+)/g)) {
        expect(existsSync(`${REPO}exercises/${exercise}`), `slide ${slide.id}: ${exercise}`).toBe(
          true,
        )
      }
    }
  })

  it('has every slide a lab names, and every lab names at least one', () => {
    const ids = en.slides.map((s) => s.id)
    for (const lab of listLabs()) {
      for (const language of ['en', 'pt-BR'] as const) {
        const { slides } = readLab(lab, language).front
        expect(slides.length, `${lab} names no slide`).toBeGreaterThan(0)
        for (const id of slides) expect(ids, `${lab} (${language})`).toContain(id)
      }
    }
  })
})

describe('parseDeck', () => {
  it('reads slides, classes, notes parts, live views and diagrams', () => {
    const parsed = deck(`
<!-- slide: one class=cover -->
# One

<wl-live view="race">

fallback

</wl-live>

\`\`\`mermaid
sequenceDiagram
\`\`\`

<!-- notes -->
**Time:** 1 min
**Say:** hello
**Demo:** click
**Ask:** why?
`)
    expect(parsed.slides).toEqual([
      expect.objectContaining({
        id: 'one',
        classes: ['cover'],
        noteParts: ['time', 'say', 'demo', 'ask'],
        live: ['race'],
        diagrams: 1,
      }),
    ])
  })

  it('refuses a slide without notes, an unknown notes part, a reused id, a stray line', () => {
    expect(() => deck('<!-- slide: a -->\n# A\n')).toThrow('slide a: speaker notes are missing')
    expect(() => deck('<!-- slide: a -->\n<!-- notes -->\n**Say:** x\n')).toThrow('**Time:**')
    expect(() => deck('<!-- slide: a -->\n<!-- notes -->\n**Time:** 1\n**Fale:** x\n')).toThrow(
      'no part called "Fale"',
    )
    const one = '<!-- slide: a -->\n<!-- notes -->\n**Time:** 1\n**Say:** x\n'
    expect(() => deck(one + one)).toThrow('slide id a is used twice')
    expect(() => deck(`hello\n${one}`)).toThrow('text before the first slide')
    expect(() =>
      deck('<!-- slide: a -->\n<wl-live view="nope">\n<!-- notes -->\n**Time:** 1\n**Say:** x\n'),
    ).toThrow('slide a: no live view "nope"')
  })

  it('reads the notes labels of the deck’s language', () => {
    const pt = parseDeck(
      'pt-BR',
      '---\ntitle: T\nsubtitle: S\n---\n<!-- slide: a -->\n<!-- notes -->\n**Tempo:** 1 min\n**Fale:** oi\n**Pergunte:** por quê?\n',
    )
    expect(pt.slides[0]?.noteParts).toEqual(['time', 'say', 'ask'])
  })
})
