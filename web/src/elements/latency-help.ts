import { i18n } from '../i18n/current.ts'
import { el } from './dom.ts'

/** Fills a help popover with what p50/p95/p99, the clock offset, "≤" and "caught up" mean. */
export function latencyHelp(container: HTMLElement): void {
  const t = i18n.texts.latency
  container.replaceChildren(
    el('h4', '', t.helpTitle),
    ...t.help.map(([term, meaning]) => {
      const paragraph = el('p')
      paragraph.append(el('b', '', term), ` ${meaning}`)
      return paragraph
    }),
  )
}
