import { sheet } from '../elements/styles.ts'
import { CLASS_CSS } from './class-styles.ts'

/** The class's banner, made once, right under the page's own banner (above the room bar). */
export function classBannerNode(root: Document): HTMLElement {
  const existing = root.querySelector<HTMLElement>('[data-class-banner]')
  if (existing) return existing
  adoptClassStyles(root)
  const node = root.createElement('p')
  node.className = 'class-banner'
  node.dataset.classBanner = ''
  node.setAttribute('role', 'status')
  const anchor = root.querySelector('[data-server-banner]') ?? root.querySelector('.roombar')
  if (anchor) anchor.after(node)
  else root.body.prepend(node)
  return node
}

function adoptClassStyles(root: Document): void {
  const styles = sheet(CLASS_CSS)
  if (!root.adoptedStyleSheets.includes(styles)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles]
  }
}
