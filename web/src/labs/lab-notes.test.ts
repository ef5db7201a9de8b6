import { describe, expect, it } from 'vitest'
import { loadNotes, saveNotes } from './lab-notes.ts'

function memory() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

describe('lab notes', () => {
  it('come back after a reload, per lab', () => {
    const storage = memory()
    saveNotes(
      '03-sse',
      { name: 'Ana', values: { R1: { value: '189' } }, answers: { '1': 'x' } },
      storage,
    )
    expect(loadNotes('03-sse', storage)).toEqual({
      name: 'Ana',
      values: { R1: { value: '189' } },
      answers: { '1': 'x' },
    })
    expect(loadNotes('04-handshake', storage)).toEqual({ name: '', values: {}, answers: {} })
  })

  it('start empty from a broken entry, and survive a storage that refuses to write', () => {
    const storage = memory()
    storage.items.set('wirelab.lab.03-sse', '{not json')
    expect(loadNotes('03-sse', storage)).toEqual({ name: '', values: {}, answers: {} })
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => saveNotes('03-sse', { name: '', values: {}, answers: {} }, full)).not.toThrow()
  })
})
