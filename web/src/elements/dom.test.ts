import { describe, expect, it } from 'vitest'
import { type BoundedList, prependBounded } from './dom.ts'

/** Vitest runs in node without a DOM, so this list is a stand-in with the three members used. */
function fakeList(): BoundedList & { items: unknown[] } {
  const items: unknown[] = []
  return {
    items,
    get childElementCount() {
      return items.length
    },
    get lastElementChild() {
      return items.length === 0 ? null : { remove: () => void items.pop() }
    },
    prepend: (node) => void items.unshift(node),
  }
}

describe('prependBounded (with a fake list: no DOM in node)', () => {
  it('puts the newest item first', () => {
    const list = fakeList()
    prependBounded(list, 'a' as unknown as Node, 3)
    prependBounded(list, 'b' as unknown as Node, 3)
    expect(list.items).toEqual(['b', 'a'])
  })

  it('never keeps more than maxItems, dropping the oldest', () => {
    const list = fakeList()
    for (const item of ['1', '2', '3', '4', '5']) prependBounded(list, item as unknown as Node, 3)
    expect(list.items).toEqual(['5', '4', '3'])
  })
})
