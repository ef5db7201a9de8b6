import type uPlot from 'uplot'
import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { formatNumber } from '../lib/format.ts'
import { histogram, type LatencySample } from '../lib/latency-stats.ts'
import { THEME_CHANGE_EVENT } from '../theme.ts'
import { part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

const CHART_HEIGHT = 104
/** Room for "2,000" (poll latencies reach seconds) without clipping. */
const Y_AXIS_SIZE = 40
/** Redrawing a canvas 60 times a second helps nobody reading a projector. */
const MIN_REDRAW_INTERVAL_MS = 400

const CSS = `
:host { display: block; }
figure { margin: 0.5rem 0 0; }
figcaption { font-size: 0.72rem; color: var(--wl-muted); margin-bottom: 0.15rem; }
.plot { min-height: ${CHART_HEIGHT}px; }
/* No samples (after a reset): no axes with times nobody measured, but the same room. */
:host([data-empty]) .plot { visibility: hidden; }
.loading { font-size: 0.75rem; color: var(--wl-muted); }
`

const TEMPLATE = `
<figure><figcaption data-part="histogram-caption"></figcaption><div class="plot" data-part="histogram"></div></figure>
<figure><figcaption data-part="series-caption"></figcaption><div class="plot" data-part="series"></div></figure>
<p class="loading" data-part="loading" data-i18n="panel.chartLoading" hidden></p>`

let uPlotModule: Promise<{ UPlot: typeof uPlot; css: string }> | undefined

/** uPlot and its CSS are fetched once, on first use, outside the initial bundle. */
function loadUPlot() {
  uPlotModule ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]).then(
    ([lib, css]) => ({ UPlot: lib.default, css: css.default }),
  )
  return uPlotModule
}

/** Tick labels in the page's language ("2.000" in pt-BR), with as many decimals as the step needs. */
function localNumbers(_u: uPlot, splits: number[]): string[] {
  const step = splits.length > 1 ? Math.abs((splits[1] as number) - (splits[0] as number)) : 1
  const digits = step >= 1 || step === 0 ? 0 : Math.min(3, Math.ceil(-Math.log10(step)))
  return splits.map((value) => formatNumber(value, i18n.locale, digits))
}

/** `<wl-latency-charts>`: a latency histogram and a latency-over-time scatter, drawn with uPlot. */
export class LatencyCharts extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #samples: readonly LatencySample[] = []
  #kind: 'one-way' | 'round-trip' = 'one-way'
  #charts: { histogram: uPlot; series: uPlot } | undefined
  #building = false
  #lastDraw = 0
  #pending: ReturnType<typeof setTimeout> | undefined
  #resize = new ResizeObserver(() => this.#fit())
  #unsubscribe: (() => void) | undefined
  #onTheme = () => this.#rebuild()

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
  }

  connectedCallback(): void {
    translateTree(this.#root, i18n)
    this.#captions()
    this.#unsubscribe = i18n.subscribe(() => {
      translateTree(this.#root, i18n)
      this.#captions()
      // The axis label and the number format belong to the language: draw again.
      this.#rebuild()
    })
    document.addEventListener(THEME_CHANGE_EVENT, this.#onTheme)
    this.#resize.observe(this)
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
    document.removeEventListener(THEME_CHANGE_EVENT, this.#onTheme)
    this.#resize.disconnect()
  }

  /** The samples to draw: one-way latencies, or the round trips when there is no other kind. */
  update(samples: readonly LatencySample[], kind: 'one-way' | 'round-trip' = 'one-way'): void {
    this.#samples = samples
    this.toggleAttribute('data-empty', samples.length === 0)
    if (kind !== this.#kind) {
      this.#kind = kind
      this.#captions()
    }
    if (samples.length === 0 && !this.#charts) return
    if (!this.#charts) {
      void this.#build()
      return
    }
    const wait = this.#lastDraw + MIN_REDRAW_INTERVAL_MS - performance.now()
    if (wait <= 0) this.#draw()
    else this.#pending ??= setTimeout(() => this.#draw(), wait)
  }

  #captions(): void {
    const t = i18n.texts.panel
    const roundTrip = this.#kind === 'round-trip'
    part(this.#root, 'histogram-caption').textContent = roundTrip
      ? t.roundTripHistogram
      : t.histogram
    part(this.#root, 'series-caption').textContent = roundTrip ? t.roundTripSeries : t.timeSeries
  }

  #draw(): void {
    this.#pending = undefined
    this.#lastDraw = performance.now()
    const charts = this.#charts
    if (!charts) return
    const bins = histogram(
      this.#samples.map((s) => s.ms),
      16,
    )
    charts.histogram.setData([bins.map((b) => b.fromMs), bins.map((b) => b.count)])
    charts.series.setData([
      this.#samples.map((s) => s.arrivedAt / 1000),
      this.#samples.map((s) => s.ms),
    ])
  }

  async #build(): Promise<void> {
    if (this.#building) return
    this.#building = true
    const loading = part(this.#root, 'loading')
    loading.hidden = false
    const { UPlot, css } = await loadUPlot()
    loading.hidden = true
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS), sheet(css)]
    const style = getComputedStyle(this)
    const color = style.getPropertyValue('--wl-series').trim() || '#3b5bdb'
    const muted = style.getPropertyValue('--wl-muted').trim()
    const border = style.getPropertyValue('--wl-border').trim()
    const axis: uPlot.Axis = {
      stroke: muted,
      grid: { stroke: border, width: 1 },
      ticks: { stroke: border, width: 1, size: 4 },
      font: '11px system-ui, sans-serif',
      gap: 3,
      values: localNumbers,
    }
    const width = Math.max(160, this.clientWidth)
    const common = {
      width,
      height: CHART_HEIGHT,
      legend: { show: false },
      // Room on the right for the last tick label, centred on the axis's end.
      padding: [6, 18, 0, 0] as uPlot.Padding,
    }
    const bars = UPlot.paths.bars?.({ size: [0.92, 60], align: 1 })
    const histogramChart = new UPlot(
      {
        ...common,
        cursor: { show: false },
        scales: {
          x: {
            time: false,
            // Bars start at their bin's lower edge, so the axis must reach the last bin's upper edge.
            range: (u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
              const starts = u.data[0]
              const width = starts.length > 1 ? (starts[1] as number) - (starts[0] as number) : 1
              return [min, max + width]
            },
          },
          y: {
            range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [
              0,
              Math.max(1, max),
            ],
          },
        },
        axes: [
          { ...axis, size: 22 },
          // A count of messages: whole numbers only.
          { ...axis, size: Y_AXIS_SIZE, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000] },
        ],
        series: [
          {},
          {
            stroke: color,
            fill: `${color}66`,
            width: 1,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
          },
        ],
      },
      [[], []],
      part(this.#root, 'histogram'),
    )
    const seriesChart = new UPlot(
      {
        ...common,
        cursor: { points: { size: 6 } },
        scales: {
          // One message alone still gets a time axis with labels around it.
          x: {
            time: false,
            range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax =>
              min === max ? [min - 5, max + 5] : [min, max],
          },
          y: {
            range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [
              0,
              Math.max(1, max * 1.1),
            ],
          },
        },
        axes: [
          {
            ...axis,
            size: 36,
            label: i18n.texts.panel.timeAxis,
            labelSize: 14,
            labelFont: '11px system-ui, sans-serif',
            space: 56,
            // Whole seconds only: sub-second ticks crowd a quarter-screen panel.
            incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600],
            values: (_u: uPlot, splits: number[]) =>
              splits.map((seconds) => new Date(seconds * 1000).toTimeString().slice(3, 8)),
          },
          { ...axis, size: Y_AXIS_SIZE },
        ],
        series: [
          {},
          {
            stroke: color,
            width: 0,
            paths: () => null,
            points: { show: true, size: 4, fill: color, stroke: color },
          },
        ],
      },
      [[], []],
      part(this.#root, 'series'),
    )
    this.#charts = { histogram: histogramChart, series: seriesChart }
    this.#building = false
    this.#draw()
  }

  #fit(): void {
    const width = Math.max(160, this.clientWidth)
    for (const chart of Object.values(this.#charts ?? {}))
      chart.setSize({ width, height: CHART_HEIGHT })
  }

  /** Axis and series colours come from the theme, so a theme switch redraws from scratch. */
  #rebuild(): void {
    if (!this.#charts) return
    this.#charts.histogram.destroy()
    this.#charts.series.destroy()
    this.#charts = undefined
    void this.#build()
  }
}
