import type { LabDoc } from './lab-doc.ts'
import type { LabNotes } from './lab-notes.ts'

export interface ReportContext {
  exportedAt: string
  room: string
  client: string
  userAgent: string
  server: string
  settings: string
}

export interface ReportTexts {
  report: string
  student: string
  exported: string
  environment: string
  record: string
  answers: string
  value: string
  takenAt: string
  byHand: string
  noAnswer: string
  /** `{server}`, `{room}`, `{client}`, `{userAgent}`. */
  environmentLine: string
}

const fillTemplate = (template: string, values: ReportContext) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key as keyof ReportContext]) : whole,
  )

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The student's report as Markdown: the lab, what they recorded (and how), their answers. */
export function labReport(
  lab: LabDoc,
  notes: LabNotes,
  context: ReportContext,
  texts: ReportTexts,
): string {
  const lines = [
    `# ${lab.front.title} — ${texts.report}`,
    '',
    `- ${texts.student}: ${notes.name || '—'}`,
    `- ${texts.exported}: ${context.exportedAt}`,
    `- ${texts.environment}: ${fillTemplate(texts.environmentLine, context)}`,
    `- ${context.settings}`,
    '',
    `## ${texts.record}`,
    '',
    `| # | | ${texts.value} | ${texts.takenAt} |`,
    '|---|---|---|---|',
    ...lab.record.map((row) => {
      const recorded = notes.values[row.id]
      const how = recorded?.takenAt
        ? `${recorded.takenAt} (\`${recorded.figure}\`)`
        : recorded?.value
          ? texts.byHand
          : ''
      return `| ${row.id} | ${cell(row.what)} | ${cell(recorded?.value ?? '')} | ${how} |`
    }),
    '',
    `## ${texts.answers}`,
    '',
    ...lab.questions.flatMap((question, i) => [
      `${i + 1}. ${question}`,
      '',
      ...(notes.answers[String(i + 1)]?.trim() || texts.noAnswer)
        .split('\n')
        .map((line) => `   > ${line}`),
      '',
    ]),
  ]
  return `${lines.join('\n').trimEnd()}\n`
}
