import { describe, expect, it } from 'vitest'
import { parseLab } from './lab-doc.ts'

const LAB = `---
title: A lab
duration: 10 min
objectives:
  - text: Do a thing.
    lecture: [1, 3]
prerequisites: [00-first]
exercises: [03-sse]
settings:
  room: lab-99
  tickerRate: 0
---

# A lab

Intro.

## Steps

### 1. Run it

\`\`\`doctest
before: POST /api/lab/ticker {"room":"lab-99","rate":0}
\`\`\`

\`\`\`sh
node labs/tools/wire.mjs accept KEY
\`\`\`

\`\`\`text
…
\`\`\`

### 2. On the page: look

\`\`\`ts file=labs/99-x/x.ts
export const x = 1
\`\`\`

## Record

| # | What you measure | Value | On the page |
|---|---|---|---|
| R1 | By hand | | |
| R2 | From the page | | \`sse.bytesPerMessage\` |

## Questions

1. First (R1)?
2. Second?

## Going further

- More.
`

describe('parseLab', () => {
  it('reads the front matter, the numbered steps and their blocks, the record rows and the questions', () => {
    const lab = parseLab('99-x', 'en', LAB)
    expect(lab.front).toMatchObject({
      title: 'A lab',
      duration: '10 min',
      objectives: [{ text: 'Do a thing.', lecture: [1, 3] }],
      prerequisites: ['00-first'],
      exercises: ['03-sse'],
      settings: { room: 'lab-99', tickerRate: 0 },
    })
    expect(lab.steps.map((s) => [s.number, s.title, s.blocks.map((b) => b.kind)])).toEqual([
      [1, 'Run it', ['doctest', 'sh', 'text']],
      [2, 'On the page: look', ['file']],
    ])
    expect(lab.steps[1]?.blocks[0]).toMatchObject({
      path: 'labs/99-x/x.ts',
      content: 'export const x = 1\n',
    })
    expect(lab.record).toEqual([
      { id: 'R1', what: 'By hand' },
      { id: 'R2', what: 'From the page', figure: 'sse.bytesPerMessage' },
    ])
    expect(lab.questions).toEqual(['First (R1)?', 'Second?'])
  })

  it('knows the sections by their Portuguese names in a Portuguese lab', () => {
    const pt = LAB.replace('## Steps', '## Passos')
      .replace('## Record', '## Registro')
      .replace('## Questions', '## Questões')
    const lab = parseLab('99-x', 'pt-BR', pt)
    expect(lab.steps).toHaveLength(2)
    expect(lab.record).toHaveLength(2)
    expect(lab.questions).toHaveLength(2)
  })

  it('refuses what a lab must not hold, naming it', () => {
    expect(() => parseLab('99-x', 'en', 'no front matter')).toThrow(/front matter/)
    expect(() => parseLab('99-x', 'en', LAB.replace('### 1. Run it', '### Run it'))).toThrow(
      /step heading "Run it" must be "N. Title"/,
    )
    expect(() => parseLab('99-x', 'en', LAB.replace('sse.bytesPerMessage', 'sse.mood'))).toThrow(
      /R2 names an unknown figure "sse.mood"/,
    )
    expect(() => parseLab('99-x', 'en', LAB.replace('lecture: [1, 3]', 'lecture: [7]'))).toThrow(
      /lecture objectives 1–4/,
    )
  })
})
