/**
 * Creates an element whose text is set with `textContent` only: user text can never become markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (className) element.className = className
  if (text !== undefined) element.textContent = text
  return element
}

/** The part of a shadow root marked `data-part="name"`; a missing part is a template bug. */
export function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T & Element>(`[data-part="${name}"]`)
  if (!found) throw new Error(`template has no data-part="${name}"`)
  return found
}

export interface BoundedList {
  readonly childElementCount: number
  readonly lastElementChild: { remove(): void } | null
  prepend(node: Node): void
}

/** Newest first; drops the oldest so the list never holds more than `maxItems` nodes. */
export function prependBounded(list: BoundedList, item: Node, maxItems: number): void {
  list.prepend(item)
  while (list.childElementCount > maxItems) list.lastElementChild?.remove()
}

/**
 * Batches renders: however often the returned function is called, `render` runs once, in an
 * animation frame at least `minIntervalMs` after the previous run. At 200 messages a second,
 * painting each one would keep the page busy; a person reads nothing faster than a few a second.
 */
export function renderScheduler(render: () => void, minIntervalMs = 0): () => void {
  let pending = false
  let lastRun = Number.NEGATIVE_INFINITY
  return () => {
    if (pending) return
    pending = true
    const wait = Math.max(0, lastRun + minIntervalMs - performance.now())
    setTimeout(() => {
      requestAnimationFrame(() => {
        pending = false
        lastRun = performance.now()
        render()
      })
    }, wait)
  }
}
