import { describe, expect, it } from 'vitest'
import { TEXTS } from '../i18n/index.ts'
import { parseLab } from './lab-doc.ts'
import { labReport } from './lab-report.ts'

const lab = parseLab(
  '99-x',
  'en',
  `---
title: A lab
duration: 10 min
objectives:
  - text: Do it.
    lecture: [1]
---

# A lab

## Steps

### 1. Do

Do it.

## Record

| # | What you measure | Value | On the page |
|---|---|---|---|
| R1 | Bytes by hand | | |
| R2 | Bytes | | \`sse.bytesUp\` |
| R3 | Pipes | | |

## Questions

1. Why?
2. How?
`,
)

describe('labReport', () => {
  it('holds the values with how each was taken, and the answers quoted, in the page’s language', () => {
    const report = labReport(
      lab,
      {
        name: 'Ana',
        values: {
          R1: { value: '189' },
          R2: { value: '1.234 B', takenAt: '2026-12-01T10:00:00.000Z', figure: 'sse.bytesUp' },
          R3: { value: 'a | b' },
        },
        answers: { '1': 'Because.\nAnd more.' },
      },
      {
        exportedAt: '2026-12-01T10:01:00.000Z',
        room: 'lab-99',
        client: 'abc',
        userAgent: 'Chromium',
        server: '0.1.0',
        settings: 'Settings: …',
      },
      TEXTS.en.labs.report,
    )
    expect(report).toBe(`# A lab — report

- Student: Ana
- Exported: 2026-12-01T10:01:00.000Z
- Environment: wirelab 0.1.0, room \`lab-99\`, client \`abc\`, Chromium
- Settings: …

## Record

| # | | Value | Taken from the page at |
|---|---|---|---|
| R1 | Bytes by hand | 189 | by hand |
| R2 | Bytes | 1.234 B | 2026-12-01T10:00:00.000Z (\`sse.bytesUp\`) |
| R3 | Pipes | a \\| b | by hand |

## Answers

1. Why?

   > Because.
   > And more.

2. How?

   > (no answer)
`)
  })
})
