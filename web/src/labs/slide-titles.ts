import type { Language } from '../i18n/index.ts'

/** The lecture deck's sources, fetched only when a lab names its slides. */
const DECKS: Record<Language, () => Promise<{ default: string }>> = {
  en: () => import('../../../slides/en/lecture-09.md?raw'),
  'pt-BR': () => import('../../../slides/pt-BR/lecture-09.md?raw'),
}

const cache = new Map<Language, Promise<Map<string, string>>>()

/** Each slide's title (its first heading) by id, in `language`. */
export function slideTitles(language: Language): Promise<Map<string, string>> {
  let titles = cache.get(language)
  if (!titles) {
    titles = Promise.all([DECKS[language](), import('../../../slides/src/deck.ts')]).then(
      ([source, { parseDeck }]) =>
        new Map(
          parseDeck(language, source.default).slides.map((slide) => [
            slide.id,
            /^#{1,3} (.+)$/m.exec(slide.content)?.[1] ?? slide.id,
          ]),
        ),
    )
    cache.set(language, titles)
  }
  return titles
}

/** Where a slide is: the lab server's deck, in the lab's language. */
export const slideUrl = (language: Language, id: string) => `/slides/?lang=${language}#/${id}`
