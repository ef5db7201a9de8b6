// @ts-check
/**
 * The student's language for a tool's notes: WIRELAB_LANG, else the system's (LC_ALL, LC_MESSAGES,
 * LANG on Linux and macOS, the Intl locale on Windows). Portuguese for any `pt`, else English.
 *
 * @template T
 * @param {{ en: T, 'pt-BR': T }} texts
 * @returns {T}
 */
export function textsFor(texts) {
  const language =
    process.env.WIRELAB_LANG ??
    process.env.LC_ALL ??
    process.env.LC_MESSAGES ??
    process.env.LANG ??
    Intl.DateTimeFormat().resolvedOptions().locale
  return /^pt/i.test(language) ? texts['pt-BR'] : texts.en
}
