import { describe, expect, it } from 'vitest'
import { firstLanguage } from './page-language.ts'

describe('firstLanguage', () => {
  it('takes ?lang= before the stored choice (a slide asks for its deck’s language)', () => {
    expect(firstLanguage('?view=result&lang=pt-BR', 'en', ['en-US'])).toBe('pt-BR')
    expect(firstLanguage('?lang=en', 'pt-BR', ['pt-BR'])).toBe('en')
  })

  it('falls back to the stored choice, then to the browser’s languages', () => {
    expect(firstLanguage('', 'pt-BR', ['en-US'])).toBe('pt-BR')
    expect(firstLanguage('?lang=fr', null, ['fr-FR', 'pt-PT'])).toBe('pt-BR')
    expect(firstLanguage('', null, ['de'])).toBe('en')
  })
})
