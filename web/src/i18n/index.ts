import { en, type Texts } from './en.ts'
import { ptBR } from './pt-BR.ts'

export type { Texts } from './en.ts'

export type Language = 'pt-BR' | 'en'

export const LANGUAGES: readonly Language[] = ['pt-BR', 'en']

export const TEXTS: Record<Language, Texts> = { 'pt-BR': ptBR, en }

/** How each language names itself in the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'pt-BR': 'Português', en: 'English' }

export const LANGUAGE_STORAGE_KEY = 'wirelab.language'

/** Maps a BCP 47 tag to a language we ship: any Portuguese to pt-BR, any English to en. */
export function matchLanguage(tag: string): Language | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0]
  if (primary === 'pt') return 'pt-BR'
  if (primary === 'en') return 'en'
  return null
}

/** A stored choice wins; else the first browser language we ship; else English. */
export function pickLanguage(preferred: readonly string[], stored: string | null): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language
  for (const tag of preferred) {
    const language = matchLanguage(tag)
    if (language) return language
  }
  return 'en'
}

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is noticed. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}

/** A text that depends on a count: "1 sample", "2 samples" (both languages need only these two). */
export interface Plural {
  one: string
  other: string
}

/** Fills the form of `forms` that fits `count`, with `{count}` and any other values. */
export function fillCount(
  forms: Plural,
  count: number,
  locale: string,
  values: Record<string, string | number> = {},
): string {
  const form = count === 1 ? forms.one : forms.other
  return fill(form, { ...values, count: new Intl.NumberFormat(locale).format(count) })
}

export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export interface I18nOptions {
  /** `navigator.languages` in the browser. */
  preferred: readonly string[]
  storage?: KeyValueStorage
}

/** The current language, switchable at run time, remembered across visits. */
export class I18n {
  #language: Language
  #storage: KeyValueStorage | undefined
  #listeners = new Set<(language: Language) => void>()

  constructor({ preferred, storage }: I18nOptions) {
    this.#storage = storage
    let stored: string | null = null
    try {
      stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null
    } catch {
      // Storage can throw (blocked cookies, private mode): fall back to the browser's languages.
    }
    this.#language = pickLanguage(preferred, stored)
  }

  get language(): Language {
    return this.#language
  }

  get texts(): Texts {
    return TEXTS[this.#language]
  }

  /** BCP 47 locale for number formatting. */
  get locale(): string {
    return this.#language
  }

  setLanguage(language: Language): void {
    if (language === this.#language) return
    this.#language = language
    try {
      this.#storage?.setItem(LANGUAGE_STORAGE_KEY, language)
    } catch {
      // Not remembered across visits, but the switch still works for this one.
    }
    for (const listener of this.#listeners) listener(language)
  }

  subscribe(listener: (language: Language) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}

/** The text at a dotted path such as `transports.ws.how`; a bad path is a bug, so it throws. */
export function textAt(texts: Texts, path: string): string {
  const found = path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      texts,
    )
  if (typeof found !== 'string') throw new Error(`no text at "${path}"`)
  return found
}
