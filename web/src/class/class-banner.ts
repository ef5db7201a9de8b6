import { el } from '../elements/dom.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { ExperimentView } from './experiment-runner.ts'
import { presetName } from './preset-name.ts'

/** What the class banner says: how to join, or where the class's experiment is. */
export type BannerView = { stage: 'join'; href: string } | ExperimentView

/** The class's line above the page, said again in the new language when it changes. */
export class ClassBanner {
  readonly node: HTMLElement
  #view: BannerView | null = null

  constructor(node: HTMLElement) {
    this.node = node
    node.hidden = true
    i18n.subscribe(() => this.#render())
  }

  show(view: BannerView | null): void {
    const same = view !== null && this.#view !== null && sayTheSame(view, this.#view)
    this.#view = view
    if (view && view.stage !== 'join') {
      this.node.style.setProperty('--progress', String(view.progress))
    }
    if (!same) this.#render()
  }

  #render(): void {
    const view = this.#view
    const node = this.node
    node.hidden = view === null
    node.dataset.stage = view?.stage ?? ''
    if (!view) {
      node.replaceChildren()
      return
    }
    const t = i18n.texts.classMode
    if (view.stage === 'join') {
      const link = el('a', undefined, t.joinLink)
      link.href = view.href
      node.replaceChildren(`${t.joinFirst} `, link)
      return
    }
    node.dataset.seconds = String(view.secondsLeft)
    node.dataset.experiment = view.experiment.id
    node.textContent = fill(t[view.stage], {
      name: presetName(view.experiment),
      seconds: view.secondsLeft,
    })
  }
}

/** Two views whose sentence is the same: the banner is rewritten only when it changes. */
function sayTheSame(a: BannerView, b: BannerView): boolean {
  if (a.stage === 'join' || b.stage === 'join') return a.stage === b.stage
  return (
    a.stage === b.stage && a.secondsLeft === b.secondsLeft && a.experiment.id === b.experiment.id
  )
}
