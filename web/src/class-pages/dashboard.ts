import type { ClassLive, ClassMe, ExperimentPreset } from '../../../server/src/class/protocol.ts'
import { fill } from '../i18n/index.ts'
import { ApiError, getJson, postJson } from './class-api.ts'
import { ClassControls } from './class-controls.ts'
import { DASHBOARD_CSS } from './dashboard-styles.ts'
import { clockOffset, experimentPhase } from './experiment-clock.ts'
import { ExperimentsPanel } from './experiments-panel.ts'
import { type ClassInfo, renderJoinPanel } from './join-panel.ts'
import { liveTransports, renderLivePanel } from './live-panel.ts'
import { required, startChrome } from './page-chrome.ts'
import { PageLanguage } from './page-language.ts'
import { startResultOnly } from './result-only.ts'
import { latestResult, runningAt } from './result-source.ts'
import { type ResultState, renderResult } from './result-view.ts'
import { StudentTable } from './student-table.ts'
import { CLASS_TEXTS, type ClassTexts } from './texts.ts'

const RETRY_MS = 3_000

/** Why the dashboard cannot show the class, said in the banner. */
type Blocker = 'offline' | 'not-instructor' | 'not-class' | { failed: string } | null

const language = new PageLanguage()
if (new URLSearchParams(location.search).get('view') === 'result') {
  startResultOnly(language)
} else {
  void startDashboard()
}

async function startDashboard(): Promise<void> {
  const main = required<HTMLElement>('[data-dashboard]')
  const banner = required<HTMLElement>('[data-banner]')
  const liveRoot = required<HTMLElement>('[data-live]')
  const liveStatus = required<HTMLElement>('[data-live-status]')
  const resultRoot = required<HTMLElement>('[data-result]')
  const texts = () => CLASS_TEXTS[language.language]
  /** Server clock minus this page's, from the last `event: live`. */
  let offset = 0
  let info: ClassInfo | null = null
  let live: ClassLive | null = null
  let liveLost = false
  let blocker: Blocker = null
  let result: ResultState = { kind: 'loading' }
  /** The experiment and result count the result view shows, so it is fetched again only on news. */
  let shown = { id: '', results: -1 }

  const students = new StudentTable(required('[data-students]'), muteStudent)
  const controls = new ClassControls(required('[data-controls]'), texts(), language.language)
  const experiments = new ExperimentsPanel(
    required('[data-experiments]'),
    () => Date.now() + offset,
    texts(),
    language.language,
  )

  const render = (words: ClassTexts) => {
    const locale = language.language
    document.title = words.dashboard.title
    banner.hidden = blocker === null
    banner.textContent = blockerText(blocker, words)
    main.hidden = blocker !== null && info === null
    if (info) renderJoinPanel(required('[data-join-panel]'), info, words)
    liveStatus.textContent = liveLost
      ? words.dashboard.live.lost
      : live
        ? ''
        : words.dashboard.live.waiting
    if (live) {
      renderLivePanel(liveRoot, live, words, locale)
      students.update(live, liveTransports(live), words, locale)
    }
    controls.render(words, locale)
    experiments.render(words, locale)
    renderResult(resultRoot, result, words, locale, { exports: true })
  }
  startChrome(language, DASHBOARD_CSS, render)
  document.addEventListener('fullscreenchange', () => render(texts()))

  info = await access((reason) => {
    blocker = reason
    render(texts())
  })
  if (!info) return
  blocker = null
  try {
    const [me, presets] = await Promise.all([
      getJson<ClassMe>('/api/class/me'),
      getJson<ExperimentPreset[]>('/api/class/presets'),
    ])
    if (me.mode === 'class' && me.state) controls.settings = me.state.settings
    experiments.presets = presets
  } catch (error) {
    blocker = blockerOf(error)
    render(texts())
    return
  }
  result = await latestResult(Date.now() + offset)
  render(texts())
  followLive()

  function followLive(): void {
    const source = new EventSource('/api/class/live')
    source.addEventListener('live', (event) => {
      live = JSON.parse((event as MessageEvent<string>).data) as ClassLive
      offset = clockOffset(live.now, Date.now())
      liveLost = false
      onLive(live)
    })
    source.addEventListener('error', () => {
      liveLost = true
      render(texts())
      // A refused stream (the server restarted with another operator token) is not retried by
      // EventSource itself: ask again who we are, then follow anew.
      if (source.readyState === EventSource.CLOSED) {
        void access((reason) => {
          blocker = reason
          render(texts())
        }).then((answer) => {
          if (!answer) return
          blocker = null
          followLive()
        })
      }
    })
  }

  function onLive(update: ClassLive): void {
    const words = texts()
    renderLivePanel(liveRoot, update, words, language.language)
    students.update(update, liveTransports(update), words, language.language)
    controls.showTransports(liveTransports(update))
    controls.follow(update.settings)
    experiments.update(update.experiment, update.results)
    liveStatus.textContent = ''
    const experiment = update.experiment
    if (!experiment) return
    const phase = experimentPhase(experiment, update.now).phase
    const news = shown.id !== experiment.id || shown.results !== update.results
    if ((phase === 'collecting' || phase === 'ended') && news) {
      shown = { id: experiment.id, results: update.results }
      void latestResult(update.now).then(showResult)
    } else if (result.kind === 'running') {
      showResult(runningAt(result, update.now))
    }
  }

  function showResult(state: ResultState): void {
    result = state
    renderResult(resultRoot, result, texts(), language.language, { exports: true })
  }
}

async function muteStudent(name: string, muted: boolean): Promise<void> {
  await postJson('/api/class/mute', { name, muted })
}

/**
 * Asks for the class's join details until the server answers, saying meanwhile why it waits;
 * null when it refuses (no class, not the instructor): the banner then says what to do.
 */
async function access(block: (reason: Blocker) => void): Promise<ClassInfo | null> {
  for (;;) {
    try {
      return await getJson<ClassInfo>('/api/class/info')
    } catch (error) {
      const reason = blockerOf(error)
      block(reason)
      if (reason !== 'offline') return null
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}

function blockerOf(error: unknown): Blocker {
  if (!(error instanceof ApiError)) return { failed: String(error) }
  if (error.status === 0) return 'offline'
  if (error.status === 401 || error.status === 403) return 'not-instructor'
  if (error.status === 404) return 'not-class'
  return { failed: error.message }
}

function blockerText(blocker: Blocker, texts: ClassTexts): string {
  if (blocker === null) return ''
  if (blocker === 'offline') return fill(texts.offline, { origin: location.origin })
  if (blocker === 'not-instructor') return texts.dashboard.notInstructor
  if (blocker === 'not-class') return texts.dashboard.notClass
  return fill(texts.dashboard.failed, { message: blocker.failed })
}
