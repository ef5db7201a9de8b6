export type ThemePreference = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

export const THEME_STORAGE_KEY = 'wirelab.theme'
export const THEME_CHANGE_EVENT = 'wl-theme-change'

const ORDER: readonly ThemePreference[] = ['system', 'light', 'dark']

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light'
  return preference
}

/** The toggle cycles automatic → light → dark → automatic. */
export function nextPreference(preference: ThemePreference): ThemePreference {
  return ORDER[(ORDER.indexOf(preference) + 1) % ORDER.length] as ThemePreference
}

export function parsePreference(stored: string | null | undefined): ThemePreference {
  return (ORDER as readonly (string | null | undefined)[]).includes(stored)
    ? (stored as ThemePreference)
    : 'system'
}

/** The theme now applied to the page (`data-theme` on <html>). */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
}

/** Applies a preference, follows the system while it is `system`, and announces every change. */
export class ThemeController {
  #preference: ThemePreference
  #media = matchMedia('(prefers-color-scheme: dark)')

  constructor() {
    let stored: string | null = null
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY)
    } catch {
      // Unavailable storage only means the choice is not remembered.
    }
    this.#preference = parsePreference(stored)
    this.#media.addEventListener('change', () => this.#apply())
    this.#apply()
  }

  get preference(): ThemePreference {
    return this.#preference
  }

  cycle(): ThemePreference {
    this.#preference = nextPreference(this.#preference)
    try {
      localStorage.setItem(THEME_STORAGE_KEY, this.#preference)
    } catch {
      // See the constructor.
    }
    this.#apply()
    return this.#preference
  }

  #apply(): void {
    const theme = resolveTheme(this.#preference, this.#media.matches)
    if (document.documentElement.dataset.theme === theme) return
    document.documentElement.dataset.theme = theme
    document.dispatchEvent(new CustomEvent(THEME_CHANGE_EVENT, { detail: theme }))
  }
}
