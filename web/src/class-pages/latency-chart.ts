import type { TransportSummary } from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { barLength, chartScale } from './chart-scale.ts'
import { formatInterval, formatLatency } from './figures.ts'
import type { ClassTexts } from './texts.ts'

const PERCENTILES = ['p50', 'p95', 'p99'] as const
/** The darker the bar, the more typical the latency: p50 solid, p99 faint. */
const OPACITY = { p50: 1, p95: 0.68, p99: 0.4 } as const

const WIDTH = 720
const NAME_WIDTH = 120
const LABEL_WIDTH = 40
const BARS_LEFT = NAME_WIDTH + LABEL_WIDTH
const VALUE_ROOM = 78
const BAR_HEIGHT = 16
const BAR_GAP = 4
const GROUP_GAP = 18
const AXIS_HEIGHT = 26

/**
 * p50, p95 and p99 of each transport over the whole class, as horizontal bars in the transport's
 * colour on one linear axis from 0 ms: a transport that waits for its next poll shows at once.
 */
export function latencyChart(
  summary: Partial<Record<Transport, TransportSummary>>,
  transports: readonly Transport[],
  texts: ClassTexts,
  locale: string,
): SVGSVGElement {
  const largest = Math.max(
    0,
    ...transports.flatMap((t) => PERCENTILES.map((p) => summary[t]?.[p] ?? 0)),
  )
  const scale = chartScale(largest)
  const barsWidth = WIDTH - BARS_LEFT - VALUE_ROOM
  const groupHeight = PERCENTILES.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
  const height = transports.length * (groupHeight + GROUP_GAP) + AXIS_HEIGHT
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: 'latency-chart',
    // Kept to the left when a slide limits its height.
    preserveAspectRatio: 'xMinYMin meet',
    role: 'img',
    'aria-label': texts.result.chartTitle,
  })
  const plotBottom = height - AXIS_HEIGHT + GROUP_GAP / 2
  for (const tick of scale.ticks) {
    const x = BARS_LEFT + barLength(tick, scale, barsWidth)
    chart.append(svg('line', { x1: x, x2: x, y1: 0, y2: plotBottom, class: 'grid' }))
    const label = svg('text', { x, y: height - 6, 'text-anchor': 'middle', class: 'tick' })
    label.textContent = tick === 0 ? '0' : formatInterval(tick, locale)
    chart.append(label)
  }
  transports.forEach((transport, index) => {
    const top = index * (groupHeight + GROUP_GAP)
    const group = svg('g', { 'data-transport': transport })
    const name = svg('text', { x: 0, y: top + groupHeight / 2 + 5, class: 'name' })
    name.textContent = texts.transports[transport]
    group.append(name)
    PERCENTILES.forEach((percentile, row) => {
      const y = top + row * (BAR_HEIGHT + BAR_GAP)
      const value = summary[transport]?.[percentile] ?? null
      const length = value === null ? 0 : barLength(value, scale, barsWidth)
      const label = svg('text', { x: BARS_LEFT - 6, y: y + 12, 'text-anchor': 'end', class: 'pct' })
      label.textContent = percentile
      const bar = svg('rect', {
        x: BARS_LEFT,
        y,
        width: Math.max(length, value === null ? 0 : 1.5),
        height: BAR_HEIGHT,
        rx: 3,
        'data-field': percentile,
        style: `fill: var(--wl-${transport}); fill-opacity: ${OPACITY[percentile]}`,
      })
      const figure = svg('text', { x: BARS_LEFT + length + 6, y: y + 12, class: 'value' })
      figure.textContent = formatLatency(value, locale)
      group.append(label, bar, figure)
    })
    chart.append(group)
  })
  return chart
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value))
  return node
}
