import { describe, expect, it } from 'vitest'
import { RingBuffer } from './ring-buffer.ts'

describe('RingBuffer', () => {
  it('returns items oldest first while below capacity', () => {
    const ring = new RingBuffer<number>(3)
    ring.push(1)
    ring.push(2)
    expect(ring.toArray()).toEqual([1, 2])
    expect(ring.size).toBe(2)
  })

  it('drops the oldest item when pushed past capacity', () => {
    const ring = new RingBuffer<number>(3)
    for (const n of [1, 2, 3, 4, 5]) ring.push(n)
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.totalPushed).toBe(5)
  })

  it('forgets everything on clear', () => {
    const ring = new RingBuffer<string>(2)
    ring.push('a')
    ring.clear()
    expect(ring.toArray()).toEqual([])
    expect(ring.totalPushed).toBe(0)
  })

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be a positive integer/)
  })
})
