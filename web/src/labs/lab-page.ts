import { LabDrawer } from '../elements/lab-drawer.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { LabControls } from '../lab-source.ts'
import type { Transport } from '../lib/exchange.ts'
import { findLab, LAB_IDS, loadLab } from './lab-catalog.ts'
import type { LabDoc, LabSettings } from './lab-doc.ts'

// This module is loaded on demand (a ?lab= link, the Labs menu): the drawer comes with it.
if (!customElements.get('wl-lab-drawer')) customElements.define('wl-lab-drawer', LabDrawer)

/** The lab a page was opened with (`?lab=03`), found and read before the page connects. */
export interface OpenLab {
  id: string
  doc: LabDoc
  settings: LabSettings
}

/** `?lab=NN`: the lab, in the page's language; null without one (or a name no lab has). */
export async function labFromUrl(params: URLSearchParams): Promise<OpenLab | null> {
  const wanted = params.get('lab')
  const id = wanted ? findLab(wanted) : null
  if (!id) return null
  const doc = await loadLab(id, i18n.language)
  return { id, doc, settings: doc.front.settings }
}

/** The page's own settings a lab asks for, on top of what the page has. */
export function applySettings(controls: LabControls, settings: LabSettings): LabControls {
  return {
    ...controls,
    ...(settings.pollIntervalMs !== undefined && { pollIntervalMs: settings.pollIntervalMs }),
    ...(settings.longPollTimeoutMs !== undefined && {
      longPollTimeoutMs: settings.longPollTimeoutMs,
    }),
    ...(settings.wsHeartbeatMs !== undefined && { wsHeartbeatMs: settings.wsHeartbeatMs }),
  }
}

/** Shows only the panels a lab asks for (all of them when it names none). */
export function showPanels(root: ParentNode, panels: Transport[] | undefined): void {
  for (const panel of root.querySelectorAll('wl-transport-panel')) {
    panel.hidden = panels !== undefined && !panels.includes(panel.transport)
  }
}

/** Opens the drawer with the lab, and keeps it in the page's language. */
export function openDrawer(drawer: LabDrawer, lab: OpenLab): void {
  document.documentElement.dataset.labOpen = lab.id
  drawer.hidden = false
  drawer.show(lab.doc)
  i18n.subscribe(async (language) => {
    drawer.show(await loadLab(lab.id, language))
  })
  drawer.addEventListener('wl-lab-close', () => {
    drawer.hidden = true
    delete document.documentElement.dataset.labOpen
  })
}

/** Fills the header's menu of labs, titles in the page's language, and keeps them in it. */
export function labMenu(list: HTMLElement): void {
  const render = async () => {
    const docs = await Promise.all(LAB_IDS.map((id) => loadLab(id, i18n.language)))
    list.replaceChildren(
      ...docs.map((doc) => {
        const item = document.createElement('li')
        const link = document.createElement('a')
        link.href = `?lab=${doc.id}`
        link.textContent = fill(i18n.texts.labs.menuItem, {
          id: doc.id.slice(0, 2),
          title: doc.front.title,
          duration: doc.front.duration,
        })
        item.append(link)
        return item
      }),
    )
  }
  void render()
  i18n.subscribe(() => void render())
}
