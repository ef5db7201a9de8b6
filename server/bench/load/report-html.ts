import type { Goal } from './goals.ts'
import { goals, meterRatio } from './goals.ts'
import type { Lang } from './options.ts'
import { IDLE_HEADERS, idleCells, STEP_HEADERS, stepCells } from './report-table.ts'
import { REPORT_TEXT, type ReportText } from './report-text.ts'
import type { RunReport } from './run-report.ts'
import { cdf } from './stats.ts'
import type { StepResult } from './step.ts'
import { barChart, escapeXml, lineChart, PALETTE } from './svg.ts'
import { type ClientKind, COLUMNS, columnLabel } from './types.ts'

const LABELS = COLUMNS.map(columnLabel)
const colorOf = (label: string) =>
  PALETTE[Math.max(0, LABELS.indexOf(label)) % PALETTE.length] ?? '#333'
const fixed = (value: number | undefined, digits = 1) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—'

/** A chart with its title as a heading (the SVG's own <title>, already escaped) and its method. */
function figure(svg: string, method: string): string {
  const title = /<title>(.*?)<\/title>/.exec(svg)?.[1] ?? ''
  return `<figure><h3>${title}</h3>${svg}<figcaption>${escapeXml(method)}</figcaption></figure>`
}

/** Labels in table order, of the steps given. */
const labelsOf = (steps: StepResult[]) => LABELS.filter((l) => steps.some((s) => s.label === l))

function fanoutCharts(steps: StepResult[], t: ReportText): string[] {
  const fanout = steps.filter((s) => s.mode === 'fanout' && s.delivered > 0)
  if (fanout.length === 0) return []
  const sizes = [...new Set(fanout.map((s) => s.clients))]
  const labels = labelsOf(fanout)
  const latency = sizes.map((clients) =>
    figure(
      lineChart({
        title: t.latencyTitle(clients),
        xLabel: t.latencyAxis[0],
        yLabel: t.latencyAxis[1],
        xLog: true,
        series: fanout
          .filter((s) => s.clients === clients)
          .map((s) => ({
            name: s.label,
            color: colorOf(s.label),
            points: cdf(s.latencyHistogram).map(([ms, share]) => [ms, share * 100]),
          })),
      }),
      t.latencyMethod,
    ),
  )
  const bars = (title: string, axis: string, pick: (s: StepResult) => number, method: string) =>
    figure(
      barChart({
        title,
        yLabel: axis,
        groups: sizes.map((n) => `N=${n}`),
        series: labels.map((label) => ({
          name: label,
          color: colorOf(label),
          values: sizes.map((n) => {
            const step = fanout.find((s) => s.label === label && s.clients === n)
            return step && pick(step)
          }),
        })),
      }),
      method,
    )
  return [
    ...latency,
    bars(t.cpuTitle, t.cpuAxis, (s) => s.cpuPerMessageUs, t.cpuMethod),
    bars(t.bytesTitle, t.bytesAxis, (s) => s.bytesOutPerMessage, t.bytesMethod),
  ]
}

function capacityChart(steps: StepResult[], report: RunReport, t: ReportText): string[] {
  const curve = steps.filter((s) => s.mode === 'capacity' && s.delivered > 0)
  if (curve.length === 0) return []
  const limit = report.options.p95Limit
  return [
    figure(
      lineChart({
        title: t.capacityTitle(curve[0]?.rate ?? 0, limit),
        xLabel: t.capacityAxis[0],
        yLabel: t.capacityAxis[1],
        xLog: true,
        yLog: true,
        limit,
        series: labelsOf(curve).map((label) => ({
          name: label,
          color: colorOf(label),
          points: curve.filter((s) => s.label === label).map((s) => [s.clients, s.p95Ms]),
        })),
      }),
      t.capacityMethod,
    ),
  ]
}

function otherCharts(steps: StepResult[], t: ReportText): string[] {
  const charts: string[] = []
  const idle = steps.filter((s) => s.mode === 'idle' && s.idleRssPerConnection !== undefined)
  if (idle.length > 0)
    charts.push(
      figure(
        barChart({
          title: t.idleTitle,
          yLabel: t.idleAxis,
          groups: idle.map((s) => s.label),
          series: [
            {
              name: 'RSS',
              color: PALETTE[0] ?? '#333',
              values: idle.map((s) => (s.idleRssPerConnection ?? 0) / 1024),
            },
          ],
        }),
        t.idleMethod,
      ),
    )
  const one = steps.filter((s) => s.mode === 'latency' && s.delivered > 0)
  if (one.length > 0)
    charts.push(
      figure(
        barChart({
          title: t.oneTitle,
          yLabel: t.oneAxis,
          groups: one.map((s) => s.label),
          series: [
            { name: 'p50', color: PALETTE[0] ?? '#333', values: one.map((s) => s.p50Ms) },
            { name: 'p95', color: PALETTE[1] ?? '#333', values: one.map((s) => s.p95Ms) },
          ],
        }),
        t.oneMethod,
      ),
    )
  const meter = steps.filter((s) => s.mode === 'meter' && s.delivered > 0)
  if (meter.length > 0) {
    const transports = [...new Set(meter.map((s) => s.transport))]
    const throughput = (transport: ClientKind, on: boolean) => {
      const runs = meter.filter((s) => s.transport === transport && s.meter === on)
      return (
        runs.reduce((n, s) => n + s.delivered, 0) /
        runs.reduce((n, s) => n + s.serverCpuMs / 1000, 0)
      )
    }
    charts.push(
      figure(
        barChart({
          title: t.meterTitle,
          yLabel: t.meterAxis,
          groups: transports.map((tr) => `wirelab ${tr}: ${fixed(meterRatio(steps, tr), 3)}`),
          series: [
            {
              name: t.meterOn,
              color: PALETTE[0] ?? '#333',
              values: transports.map((tr) => throughput(tr, true)),
            },
            {
              name: t.meterOff,
              color: PALETTE[2] ?? '#333',
              values: transports.map((tr) => throughput(tr, false)),
            },
          ],
        }),
        t.meterMethod,
      ),
    )
  }
  return charts
}

function table(headers: string[], rows: string[][]): string {
  const cells = (row: string[], tag: string) =>
    row.map((c) => `<${tag}>${escapeXml(c)}</${tag}>`).join('')
  const head = headers.some((h) => h !== '')
    ? `<thead><tr>${cells(headers, 'th')}</tr></thead>`
    : ''
  return `<table>${head}<tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`
}

/** The run's target table (`--mode all`), in the report's language. */
function goalsSection(report: RunReport, lang: Lang, t: ReportText): string {
  if (!report.goals) return ''
  const rows = goals(report.steps, report.options.p95Limit, lang)
  const met = (g: Goal) => (g.met === null ? '—' : g.met ? t.yes : t.no)
  return `<h2>${escapeXml(t.goalsTitle)}</h2>${table(
    t.goalHeaders,
    rows.map((g) => [g.what, g.measured, g.target, met(g)]),
  )}<p class="note">${escapeXml(t.goalsNote)}</p>`
}

function stepsSection(steps: StepResult[], t: ReportText): string {
  const load = steps.filter((s) => s.mode !== 'idle')
  const idle = steps.filter((s) => s.mode === 'idle')
  return `<h2>${escapeXml(t.stepsTitle)}</h2>${table(STEP_HEADERS, load.map(stepCells))}${idle.length > 0 ? table(IDLE_HEADERS, idle.map(idleCells)) : ''}<p class="note">${escapeXml(t.stepsNote)}</p>`
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
figure{margin:2em 0}figcaption{font-size:.9em;color:#444;max-width:760px}
table{border-collapse:collapse;font-size:.85em;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
td:nth-child(-n+2),th:nth-child(-n+2){text-align:left}.note{font-size:.9em;color:#444}.warn{color:#900}`

/** A page that holds everything itself: styles inline, charts as inline SVG, no script. */
export function reportHtml(report: RunReport, lang: Lang): string {
  const t = REPORT_TEXT[lang]
  const m = report.machine
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ')
  const facts = table(
    ['', ''],
    [
      [t.facts.date, report.startedAt],
      [t.facts.cpu, `${m.cpuCount} × ${m.cpuModel}`],
      [t.facts.load, `${load(m.loadAverageStart)} → ${load(m.loadAverageEnd)}`],
      [t.facts.node, `${m.node} (${m.platform})`],
      [t.facts.pinning, t.pinning(m.pinning)],
      [t.facts.files, String(m.fileLimit)],
      [t.facts.duration, `${report.seconds.toFixed(0)} s`],
    ],
  )
  const saturated = report.steps.some((s) => s.generatorCpuPercent > 90)
  const charts = [
    ...fanoutCharts(report.steps, t),
    ...capacityChart(report.steps, report, t),
    ...otherCharts(report.steps, t),
  ]
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeXml(t.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeXml(t.title)}</h1><p>${escapeXml(t.intro)}</p>
<h2>${escapeXml(t.machine)}</h2>${facts}
${saturated ? `<p class="warn">${escapeXml(t.saturated)}</p>` : ''}
${report.skipped.length > 0 ? `<p class="warn">${escapeXml(t.skipped)}: ${escapeXml(report.skipped.join('; '))}</p>` : ''}
${goalsSection(report, lang, t)}
${charts.join('\n')}
${stepsSection(report.steps, t)}
</body></html>
`
}
