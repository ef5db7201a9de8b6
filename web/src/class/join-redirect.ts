import { ClassBanner } from './class-banner.ts'
import { classBannerNode } from './class-dom.ts'
import { joinPageUrl } from './class-me.ts'

/** Long enough to read why the page leaves; the link is there for anyone faster. */
const LEAVE_AFTER_MS = 1_500

/**
 * A page of a class that is not a member says how to join and goes to the join page. It never
 * resolves: nothing of the lab may start, every request of it would be refused.
 */
export function leaveForJoinPage(root: Document, search: string): Promise<never> {
  const href = joinPageUrl(search)
  new ClassBanner(classBannerNode(root)).show({ stage: 'join', href })
  root.documentElement.dataset.classRole = 'none'
  setTimeout(() => location.replace(href), LEAVE_AFTER_MS)
  return new Promise<never>(() => {})
}
