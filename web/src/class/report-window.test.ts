import { describe, expect, it } from 'vitest'
import { LatencyStore } from '../lib/latency-stats.ts'
import { ReportWindow } from './report-window.ts'

function storeOf(...values: number[]): LatencyStore {
  const store = new LatencyStore(5)
  for (const [index, ms] of values.entries()) {
    store.add('sse', { seq: index + 1, arrivedAt: index, ms, atMost: false })
  }
  return store
}

const add = (store: LatencyStore, ...values: number[]) => {
  for (const ms of values) store.add('sse', { seq: 0, arrivedAt: 0, ms, atMost: false })
}

describe('ReportWindow', () => {
  it('carries each sample once: those taken since the last report', () => {
    const store = storeOf(10, 11)
    const window = new ReportWindow()
    expect(window.take('sse', store)).toEqual([10, 11])
    expect(window.take('sse', store)).toEqual([])
    add(store, 12)
    expect(window.take('sse', store)).toEqual([12])
    expect(window.take('ws', store)).toEqual([])
  })

  it('keeps the newest when more were taken than a report may carry', () => {
    const window = new ReportWindow(2)
    expect(window.take('sse', storeOf(1, 2, 3, 4))).toEqual([3, 4])
  })

  it('sends what the store still has when the ring let older ones go', () => {
    const store = storeOf(1, 2, 3, 4, 5)
    const window = new ReportWindow()
    window.take('sse', store)
    add(store, 6, 7, 8, 9, 10, 11, 12)
    expect(window.take('sse', store)).toEqual([8, 9, 10, 11, 12])
  })

  it('starts again from zero after a reset of the store', () => {
    const store = storeOf(1, 2, 3)
    const window = new ReportWindow()
    window.take('sse', store)
    store.clear()
    add(store, 7)
    // Not told: the store holds fewer than were reported, so all it holds is new.
    expect(window.take('sse', store)).toEqual([7])
    store.clear()
    add(store, 8, 9)
    window.reset()
    expect(window.take('sse', store)).toEqual([8, 9])
  })
})
