import type { Experiment, ExperimentResult } from '../../../server/src/class/protocol.ts'
import { download } from '../download.ts'
import { el } from '../elements/dom.ts'
import { fill, fillCount } from '../i18n/index.ts'
import { formatWhen, transportsIn } from './figures.ts'
import { latencyChart } from './latency-chart.ts'
import { experimentName } from './preset-text.ts'
import { pagesTable, summaryTable } from './result-tables.ts'
import type { ClassTexts } from './texts.ts'

/** What the result view shows: the latest result, or why there is none to show. */
export type ResultState =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'running'; experiment: Experiment; secondsLeft: number }
  | { kind: 'result'; result: ExperimentResult }
  | { kind: 'offline' }
  | { kind: 'not-member' }
  | { kind: 'failed'; message: string }

export interface ResultViewOptions {
  /** The dashboard offers CSV and JSON downloads; the slide's view does not. */
  exports: boolean
}

/**
 * What tells two states apart without reading every sample (a class's result carries thousands):
 * a result only ever gains pages.
 */
export function resultStateKey(state: ResultState): string {
  if (state.kind !== 'result') return JSON.stringify(state)
  const { experiment, results } = state.result
  return `result|${experiment.id}|${results.length}|${results.at(-1)?.at ?? 0}`
}

/** Draws the state into `root` (its previous content replaced). */
export function renderResult(
  root: HTMLElement,
  state: ResultState,
  texts: ClassTexts,
  locale: string,
  options: ResultViewOptions,
): void {
  root.dataset.state = state.kind
  const heading = el('h2', undefined, texts.result.heading)
  if (state.kind !== 'result') {
    root.replaceChildren(heading, el('p', 'result-note', noteFor(state, texts, locale)))
    return
  }
  const { experiment, results, summary } = state.result
  root.dataset.experiment = experiment.id
  const head = el('div', 'card-head')
  head.append(heading)
  if (options.exports) head.append(exportButtons(state.result, texts))
  const meta = fillCount(texts.result.meta, results.length, locale, {
    name: experimentName(experiment, texts, locale),
    date: formatWhen(experiment.startsAt, locale),
  })
  const transports = transportsIn(summary)
  if (transports.length === 0) {
    root.replaceChildren(
      head,
      el('p', 'meta', meta),
      el('p', 'result-note', texts.result.noResults),
    )
    return
  }
  const chartFigure = el('figure', 'chart')
  chartFigure.append(
    latencyChart(summary, transports, texts, locale),
    el('figcaption', 'muted', texts.result.chartTitle),
  )
  root.replaceChildren(
    head,
    el('p', 'meta', meta),
    chartFigure,
    section(texts.result.perTransport, summaryTable(summary, transports, texts, locale)),
    section(texts.result.perPage, pagesTable(results, texts, locale)),
  )
}

function noteFor(state: ResultState, texts: ClassTexts, locale: string): string {
  switch (state.kind) {
    case 'running': {
      const name = experimentName(state.experiment, texts, locale)
      return fill(texts.result.running, { name, seconds: state.secondsLeft })
    }
    case 'none':
      return texts.result.none
    case 'offline':
      return texts.result.offline
    case 'not-member':
      return texts.result.notMember
    case 'failed':
      return fill(texts.dashboard.failed, { message: state.message })
    default:
      return ''
  }
}

function section(title: string, table: HTMLTableElement): HTMLElement {
  const part = el('section', 'result-part')
  const scroller = el('div', 'table-scroll')
  scroller.append(table)
  part.append(el('h3', undefined, title), scroller)
  return part
}

function exportButtons(result: ExperimentResult, texts: ClassTexts): HTMLElement {
  const box = el('div', 'exports')
  // The name the server gives its CSV (Content-Disposition), for the JSON too.
  const name = `wirelab-class-${result.experiment.id}`
  const csv = el('a', 'button', texts.result.csv)
  csv.href = `/api/class/experiments/${encodeURIComponent(result.experiment.id)}.csv`
  csv.download = `${name}.csv`
  const json = el('button', undefined, texts.result.json)
  json.type = 'button'
  json.addEventListener('click', () =>
    download(`${name}.json`, 'application/json', `${JSON.stringify(result, null, 2)}\n`),
  )
  box.append(el('span', undefined, texts.result.export), csv, json)
  return box
}
