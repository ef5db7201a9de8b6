import { describe, expect, it, vi } from 'vitest'
import { en } from './en.ts'
import {
  fill,
  I18n,
  type KeyValueStorage,
  LANGUAGE_STORAGE_KEY,
  matchLanguage,
  pickLanguage,
  TEXTS,
  textAt,
} from './index.ts'
import { ptBR } from './pt-BR.ts'

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value
    },
  }
}

/** Every leaf path of a nested texts object, e.g. `transports.ws.how`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) =>
    leafPaths(child, prefix ? `${prefix}.${key}` : key),
  )
}

describe('picking a language', () => {
  it('maps any Portuguese to pt-BR and any English to en', () => {
    expect(matchLanguage('pt')).toBe('pt-BR')
    expect(matchLanguage('pt-PT')).toBe('pt-BR')
    expect(matchLanguage('en-GB')).toBe('en')
    expect(matchLanguage('es-AR')).toBeNull()
  })

  it('follows the first browser language it ships, skipping the others', () => {
    expect(pickLanguage(['es-AR', 'pt-BR', 'en'], null)).toBe('pt-BR')
    expect(pickLanguage(['en-US', 'pt-BR'], null)).toBe('en')
  })

  it('falls back to English when no browser language is shipped', () => {
    expect(pickLanguage(['de-DE'], null)).toBe('en')
    expect(pickLanguage([], null)).toBe('en')
  })

  it('prefers a stored choice and ignores a stored value it does not know', () => {
    expect(pickLanguage(['en-US'], 'pt-BR')).toBe('pt-BR')
    expect(pickLanguage(['en-US'], 'klingon')).toBe('en')
  })
})

describe('I18n', () => {
  it('starts in the browser language and switches at run time, telling subscribers', () => {
    const i18n = new I18n({ preferred: ['pt-BR'], storage: memoryStorage() })
    expect(i18n.texts.states.open).toBe('aberta')
    const listener = vi.fn()
    i18n.subscribe(listener)
    i18n.setLanguage('en')
    expect(i18n.texts.states.open).toBe('open')
    expect(listener).toHaveBeenCalledWith('en')
  })

  it('remembers the choice in storage for the next visit', () => {
    const storage = memoryStorage()
    new I18n({ preferred: ['en'], storage }).setLanguage('pt-BR')
    expect(storage.data[LANGUAGE_STORAGE_KEY]).toBe('pt-BR')
    expect(new I18n({ preferred: ['en'], storage }).language).toBe('pt-BR')
  })

  it('still works when storage throws', () => {
    const storage: KeyValueStorage = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
    }
    const i18n = new I18n({ preferred: ['pt'], storage })
    i18n.setLanguage('en')
    expect(i18n.language).toBe('en')
  })
})

describe('the texts', () => {
  it('have the same keys in both languages', () => {
    expect(leafPaths(ptBR)).toEqual(leafPaths(en))
  })

  it('have no empty text and keep the same placeholders in both languages', () => {
    const placeholders = (text: unknown) => (String(text).match(/\{\w+\}/g) ?? []).sort()
    const get = (root: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root)
    for (const path of leafPaths(en)) {
      expect(String(get(TEXTS.en, path)).trim(), path).not.toBe('')
      expect(String(get(TEXTS['pt-BR'], path)).trim(), path).not.toBe('')
      expect(placeholders(get(TEXTS['pt-BR'], path)), path).toEqual(
        placeholders(get(TEXTS.en, path)),
      )
    }
  })
})

describe('fill', () => {
  it('replaces known placeholders and leaves unknown ones visible', () => {
    expect(fill('Sent as #{seq}.', { seq: 7 })).toBe('Sent as #7.')
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })
})

describe('textAt', () => {
  it('reads a text by its dotted path and throws for a path that is not a text', () => {
    expect(textAt(TEXTS['pt-BR'], 'transports.ws.name')).toBe('WebSocket')
    expect(textAt(TEXTS.en, 'states.reconnecting')).toBe('reconnecting')
    expect(() => textAt(TEXTS.en, 'states')).toThrow('no text at "states"')
  })
})
