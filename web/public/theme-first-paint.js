// Runs before first paint, on every page, so a dark-theme page never flashes white; theme.ts takes
// over after. A classic script, not a module: a module would wait for the document to be parsed.
try {
  // theme.ts's THEME_STORAGE_KEY.
  const stored = localStorage.getItem('wirelab.theme')
  const dark =
    stored === 'dark' || (stored !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
} catch {}
