import { adoptTokens, sheet } from '../elements/styles.ts'
import { LANGUAGES } from '../i18n/index.ts'
import { PAGE_CSS } from '../page-styles.ts'
import { ThemeController } from '../theme.ts'
import type { PageLanguage } from './page-language.ts'
import { CLASS_TEXTS, type ClassTexts } from './texts.ts'

const THEME_ICONS = { system: '◐', light: '☀', dark: '☾' } as const

/** On a phone the header keeps one line: the theme button shows its icon only. */
const CHROME_CSS = `
@media (max-width: 480px) {
  .top { flex-wrap: nowrap; padding: 0.8rem 1rem; }
  .theme-name { display: none; }
}
`

/**
 * The look and the header of the lab page (tokens, theme toggle, PT/EN switch) on a class page;
 * `render` runs now and again after every language or theme change.
 */
export function startChrome(
  language: PageLanguage,
  pageCss: string,
  render: (texts: ClassTexts) => void,
): void {
  adoptTokens()
  document.adoptedStyleSheets = [
    ...document.adoptedStyleSheets,
    sheet(PAGE_CSS),
    sheet(CHROME_CSS),
    sheet(pageCss),
  ]
  const theme = new ThemeController()
  const themeButton = document.querySelector<HTMLButtonElement>('[data-theme-toggle]')

  const renderAll = () => {
    const texts = CLASS_TEXTS[language.language]
    document.documentElement.lang = language.language
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === language.language))
    }
    const legend = document.querySelector('[data-language-legend]')
    if (legend) legend.textContent = texts.language
    if (themeButton) {
      const name = texts.theme[theme.preference]
      const label = document.createElement('span')
      label.className = 'theme-name'
      label.textContent = ` ${name}`
      themeButton.replaceChildren(THEME_ICONS[theme.preference], label)
      themeButton.title = `${texts.theme.label}: ${name}`
      themeButton.setAttribute('aria-label', themeButton.title)
    }
    fillTexts(document, texts)
    render(texts)
  }

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      const picked = LANGUAGES.find((l) => l === button.dataset.lang)
      if (picked) language.set(picked)
    })
  }
  themeButton?.addEventListener('click', () => {
    theme.cycle()
    renderAll()
  })
  language.subscribe(renderAll)
  renderAll()
}

/** Sets the text of every `data-text="join.heading"` node from the texts at that dotted path. */
export function fillTexts(root: ParentNode, texts: ClassTexts): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-text]')) {
    const path = node.dataset.text ?? ''
    const found = path
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          typeof at === 'object' && at ? (at as Record<string, unknown>)[key] : undefined,
        texts,
      )
    if (typeof found !== 'string') throw new Error(`no class text at "${path}"`)
    node.textContent = found
  }
}

/** The node a page's markup must have; a missing one is a bug in that markup. */
export function required<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`the page has no ${selector}`)
  return found
}
