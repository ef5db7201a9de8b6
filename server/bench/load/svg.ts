/** Inline SVG charts for report.html: no script, no font, no file outside the page. */

const WIDTH = 760
const HEIGHT = 340
const M = { top: 16, right: 190, bottom: 48, left: 64 }
const PLOT_W = WIDTH - M.left - M.right
const PLOT_H = HEIGHT - M.top - M.bottom

export const PALETTE = ['#1b6ca8', '#d1495b', '#2e933c', '#edae49', '#6a4c93', '#00798c', '#8d6a9f']

export interface Series {
  name: string
  color: string
  points: [number, number][]
}

/** A value → pixel mapping and the ticks to label it with. */
interface Axis {
  scale: (value: number) => number
  ticks: number[]
}

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  )

const label = (value: number) =>
  value >= 10_000 ? `${value / 1000}k` : Number.isInteger(value) ? String(value) : value.toFixed(2)

function linearAxis(max: number, pixels: number, flip: boolean): Axis {
  const top = max > 0 ? max : 1
  const step = 10 ** Math.floor(Math.log10(top / 4))
  const unit = [1, 2, 5, 10].map((k) => k * step).find((s) => top / s <= 6) ?? step * 10
  const end = Math.ceil(top / unit) * unit
  const ticks = Array.from({ length: Math.round(end / unit) + 1 }, (_, i) => i * unit)
  return { scale: (v) => (flip ? pixels - (v / end) * pixels : (v / end) * pixels), ticks }
}

/** log10(value + 1), so that 0 ms has a place: ticks 0, 1, 2, 5, 10, 20, 50… */
function logAxis(max: number, pixels: number, flip: boolean): Axis {
  const ticks = [0]
  for (let p = 1; p <= Math.max(10, max * 1.01); p *= 10)
    for (const k of [1, 2, 5]) if (k * p <= Math.max(10, max * 1.01)) ticks.push(k * p)
  const end = Math.log10((ticks.at(-1) ?? 10) + 1)
  return {
    scale: (v) => {
      const at = (Math.log10(Math.max(0, v) + 1) / end) * pixels
      return flip ? pixels - at : at
    },
    ticks,
  }
}

function frame(title: string, xLabel: string, yLabel: string, x: Axis, y: Axis, body: string) {
  const grid = y.ticks
    .map((t) => {
      const py = M.top + y.scale(t)
      return `<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${py}" y2="${py}" stroke="#ddd"/><text x="${M.left - 6}" y="${py + 4}" text-anchor="end">${label(t)}</text>`
    })
    .join('')
  const xTicks = x.ticks
    .map((t) => {
      const px = M.left + x.scale(t)
      return `<line x1="${px}" x2="${px}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}" stroke="#333"/><text x="${px}" y="${M.top + PLOT_H + 18}" text-anchor="middle">${label(t)}</text>`
    })
    .join('')
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif" font-size="11">
<title>${escapeXml(title)}</title>${grid}${xTicks}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#333"/>
<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" stroke="#333"/>
<text x="${M.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(xLabel)}</text>
<text transform="translate(14 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>
${body}</svg>`
}

function legend(entries: { name: string; color: string }[]): string {
  return entries
    .map(
      (e, i) =>
        `<rect x="${WIDTH - M.right + 14}" y="${M.top + i * 18}" width="12" height="12" fill="${e.color}"/><text x="${WIDTH - M.right + 32}" y="${M.top + i * 18 + 10}">${escapeXml(e.name)}</text>`,
    )
    .join('')
}

export interface LineChart {
  title: string
  xLabel: string
  yLabel: string
  series: Series[]
  xLog?: boolean
  yLog?: boolean
  /** A dashed horizontal line (a limit), in y units. */
  limit?: number
}

export function lineChart(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points)
  const xMax = Math.max(1, ...points.map(([x]) => x))
  const yMax = Math.max(chart.limit ?? 0, ...points.map(([, y]) => y))
  const x = (chart.xLog ? logAxis : linearAxis)(xMax, PLOT_W, false)
  const y = (chart.yLog ? logAxis : linearAxis)(yMax, PLOT_H, true)
  const lines = chart.series
    .map((s) => {
      const path = s.points
        .map(
          ([px, py]) => `${(M.left + x.scale(px)).toFixed(1)},${(M.top + y.scale(py)).toFixed(1)}`,
        )
        .join(' ')
      const dots =
        s.points.length < 20
          ? s.points
              .map(
                ([px, py]) =>
                  `<circle cx="${(M.left + x.scale(px)).toFixed(1)}" cy="${(M.top + y.scale(py)).toFixed(1)}" r="3" fill="${s.color}"/>`,
              )
              .join('')
          : ''
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${path}"/>${dots}`
    })
    .join('')
  const limit =
    chart.limit === undefined
      ? ''
      : `<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${M.top + y.scale(chart.limit)}" y2="${M.top + y.scale(chart.limit)}" stroke="#900" stroke-dasharray="6 4"/>`
  return frame(chart.title, chart.xLabel, chart.yLabel, x, y, lines + limit + legend(chart.series))
}

export interface BarChart {
  title: string
  yLabel: string
  groups: string[]
  series: { name: string; color: string; values: (number | undefined)[] }[]
}

/** Grouped bars: one group per `groups` entry, one bar per series in each. */
export function barChart(chart: BarChart): string {
  const values = chart.series.flatMap((s) =>
    s.values.filter((v): v is number => Number.isFinite(v)),
  )
  const y = linearAxis(Math.max(0, ...values), PLOT_H, true)
  const groupWidth = PLOT_W / Math.max(1, chart.groups.length)
  const barWidth = (groupWidth * 0.8) / Math.max(1, chart.series.length)
  const x: Axis = { scale: () => 0, ticks: [] }
  const bars = chart.groups
    .map((group, g) => {
      const left = M.left + g * groupWidth + groupWidth * 0.1
      const groupBars = chart.series
        .map((s, i) => {
          const value = s.values[g]
          if (value === undefined || !Number.isFinite(value)) return ''
          const top = M.top + y.scale(value)
          return `<rect x="${(left + i * barWidth).toFixed(1)}" y="${top.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(M.top + PLOT_H - top).toFixed(1)}" fill="${s.color}"><title>${escapeXml(`${s.name}, ${group}: ${value.toFixed(2)}`)}</title></rect>`
        })
        .join('')
      return `${groupBars}<text x="${(left + groupWidth * 0.4).toFixed(1)}" y="${M.top + PLOT_H + 18}" text-anchor="middle">${escapeXml(group)}</text>`
    })
    .join('')
  return frame(chart.title, '', chart.yLabel, x, y, bars + legend(chart.series))
}
