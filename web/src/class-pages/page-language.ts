import {
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  matchLanguage,
  pickLanguage,
} from '../i18n/index.ts'

/**
 * The language of a class page: `?lang=` first (a slide embedding the result asks for the deck's),
 * then the choice the lab page stored, then the browser's. The lab page's own I18n would pull both
 * of its dictionaries into these small pages, so they keep this lighter state instead.
 */
export function firstLanguage(
  search: string,
  stored: string | null,
  preferred: readonly string[],
): Language {
  const asked = new URLSearchParams(search).get('lang')
  return (asked && matchLanguage(asked)) || pickLanguage(preferred, stored)
}

export class PageLanguage {
  #language: Language
  #listeners = new Set<(language: Language) => void>()

  constructor() {
    this.#language = firstLanguage(location.search, readStored(), navigator.languages)
  }

  get language(): Language {
    return this.#language
  }

  set(language: Language): void {
    if (language === this.#language || !LANGUAGES.includes(language)) return
    this.#language = language
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
    } catch {
      // Not remembered across visits, but the switch still works for this one.
    }
    for (const listener of this.#listeners) listener(language)
  }

  subscribe(listener: (language: Language) => void): void {
    this.#listeners.add(listener)
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY)
  } catch {
    return null
  }
}
