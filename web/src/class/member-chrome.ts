import { el } from '../elements/dom.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { ClassMember } from './class-me.ts'

/** The class's dashboard, for the instructor's page. */
const DASHBOARD_URL = '/class/'

/**
 * What being a member changes on the lab page: who you are in the room bar (there is no room link
 * to share: a class joins with its code), and on a student's page the class's own settings locked
 * (the ticker, the page settings, the network conditions), the name fixed to the student's.
 */
export function showMember(root: Document, member: ClassMember): void {
  root.documentElement.dataset.classRole = member.role
  const copy = root.querySelector<HTMLElement>('[data-copy-room]')
  if (copy) copy.hidden = true
  const who = el('span', 'class-who')
  who.dataset.classWho = member.role
  root.querySelector('.roombar .room')?.after(who)
  const render = () => {
    const t = i18n.texts.classMode
    if (member.role === 'instructor') {
      const link = el('a', undefined, t.dashboard)
      link.href = DASHBOARD_URL
      who.replaceChildren(t.instructor, link)
    } else who.textContent = fill(t.you, { name: member.name ?? '' })
  }
  render()
  i18n.subscribe(render)
  if (member.role !== 'student') return
  const controls = root.querySelector('wl-lab-controls')
  if (controls) controls.locked = true
  for (const panel of root.querySelectorAll('wl-transport-panel')) panel.networkLocked = true
  if (member.name) root.querySelector('wl-composer')?.fixName(member.name)
}
