import { type I18n, textAt } from './index.ts'

/**
 * Sets the texts of a tree from `data-i18n="path"` (textContent) and
 * `data-i18n-attr="placeholder:path title:path"` (attributes).
 */
export function translateTree(root: ParentNode, i18n: I18n): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = textAt(i18n.texts, node.dataset.i18n ?? '')
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (node.dataset.i18nAttr ?? '').split(/\s+/).filter(Boolean)) {
      const [attribute = '', path = ''] = pair.split(':')
      node.setAttribute(attribute, textAt(i18n.texts, path))
    }
  }
}
