import { I18n } from './index.ts'

// The page's one language state. Kept apart from index.ts so tests never touch browser globals.
function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

const storage = browserStorage()

export const i18n = new I18n({
  preferred: globalThis.navigator?.languages ?? [],
  ...(storage ? { storage } : {}),
})
