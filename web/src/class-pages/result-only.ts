import { getJson } from './class-api.ts'
import { DASHBOARD_CSS } from './dashboard-styles.ts'
import { roundTripOffset } from './experiment-clock.ts'
import { required, startChrome } from './page-chrome.ts'
import type { PageLanguage } from './page-language.ts'
import { latestResult, runningAt } from './result-source.ts'
import { type ResultState, renderResult, resultStateKey } from './result-view.ts'
import { CLASS_TEXTS } from './texts.ts'

/** As often as a live slide checks its server (slides/src/live-view.ts). */
const REFRESH_MS = 3_000

/**
 * `/class/?view=result`: the latest experiment's result alone, sized for a slide's iframe. Any
 * class member may open it, so it reads only what a member may: the result and the server's time.
 */
export function startResultOnly(language: PageLanguage): void {
  const root = required<HTMLElement>('[data-result]')
  let state: ResultState = { kind: 'loading' }
  let drawn = ''
  const render = () => {
    const key = `${language.language}|${resultStateKey(state)}`
    if (key === drawn) return
    drawn = key
    const texts = CLASS_TEXTS[language.language]
    document.title = texts.result.heading
    renderResult(root, state, texts, language.language, { exports: false })
  }
  startChrome(language, DASHBOARD_CSS, render)

  /** Server clock minus this page's, from the last `/api/time`. */
  let offset = 0
  const refresh = async () => {
    const sentAt = Date.now()
    try {
      const { now } = await getJson<{ now: number }>('/api/time')
      offset = roundTripOffset(now, sentAt, Date.now())
      state = await latestResult(Date.now() + offset)
    } catch {
      state = { kind: 'offline' }
    }
    render()
    setTimeout(refresh, REFRESH_MS)
  }
  void refresh()
  // A running experiment's countdown moves every second, between two reads of the server.
  setInterval(() => {
    state = runningAt(state, Date.now() + offset)
    render()
  }, 1_000)
}
