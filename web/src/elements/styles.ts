// Design tokens live on :root so every shadow tree inherits them; a panel dropped into a slide gets
// them by importing define.ts, which adopts this sheet into the document once.
export const TOKENS_CSS = `
:root {
  color-scheme: light;
  --wl-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
  --wl-mono: ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, monospace;
  --wl-bg: #f4f5f8;
  --wl-surface: #ffffff;
  --wl-surface-2: #f0f2f6;
  --wl-border: #dfe3ea;
  --wl-text: #161a22;
  --wl-muted: #5b6474;
  --wl-accent: #3b5bdb;
  --wl-ok: #1f9d55;
  --wl-warn: #d97706;
  --wl-bad: #c2410c;
  --wl-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 4px 14px rgb(16 24 40 / 6%);
  --wl-radius: 14px;
  --wl-poll: #d97706;
  --wl-longpoll: #7c3aed;
  --wl-sse: #0d9488;
  --wl-ws: #2563eb;
  --wl-socketio: #be185d;
  --wl-seg-flags: #fde68a;
  --wl-seg-length: #bfdbfe;
  --wl-seg-extended: #c7d2fe;
  --wl-seg-key: #fbcfe8;
  --wl-seg-payload: #d1fae5;
}
:root[data-theme='dark'] {
  color-scheme: dark;
  --wl-bg: #0d1117;
  --wl-surface: #161b24;
  --wl-surface-2: #1e2430;
  --wl-border: #2a3140;
  --wl-text: #e6e9ef;
  --wl-muted: #98a2b3;
  --wl-accent: #8ea2ff;
  --wl-ok: #4ade80;
  --wl-warn: #fbbf24;
  --wl-bad: #fb923c;
  --wl-shadow: 0 1px 2px rgb(0 0 0 / 40%);
  --wl-poll: #fbbf24;
  --wl-longpoll: #a78bfa;
  --wl-sse: #2dd4bf;
  --wl-ws: #60a5fa;
  --wl-socketio: #f472b6;
  --wl-seg-flags: #5b4a12;
  --wl-seg-length: #1e3a5f;
  --wl-seg-extended: #312e81;
  --wl-seg-key: #5b1f43;
  --wl-seg-payload: #14452f;
}
`

/** A `popover` of help text, on the page and inside the panels alike. */
export const POPOVER_CSS = `
.popover {
  max-width: min(32rem, 92vw); padding: 0.9rem 1.1rem; border: 1px solid var(--wl-border); border-radius: 12px;
  background: var(--wl-surface); color: var(--wl-text); box-shadow: var(--wl-shadow); font-size: 0.88rem; line-height: 1.45;
}
.popover h4 { margin: 0 0 0.4rem; font-size: 1rem; }
.popover p { margin: 0.4rem 0; }
`

/** Shared by every element: typography, buttons, small helpers. */
export const BASE_CSS = `
:host { font-family: var(--wl-font); color: var(--wl-text); }
/* An element's own :host display rule would otherwise beat the hidden attribute. */
:host([hidden]) { display: none !important; }
* { box-sizing: border-box; }
/* An element's own display rule must not undo the hidden attribute. */
[hidden] { display: none !important; }
h2, h3 { margin: 0; }
button, select, input, textarea { font: inherit; color: inherit; }
button {
  cursor: pointer; border: 1px solid var(--wl-border); background: var(--wl-surface);
  border-radius: 8px; padding: 0.35rem 0.7rem;
}
button:hover { border-color: var(--wl-accent); }
button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 2px solid var(--wl-accent); outline-offset: 2px;
}
.muted { color: var(--wl-muted); }
.mono { font-family: var(--wl-mono); }
.num { font-variant-numeric: tabular-nums; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
`

const sheets = new Map<string, CSSStyleSheet>()

/** One constructed sheet per CSS text, shared by every instance that adopts it. */
export function sheet(css: string): CSSStyleSheet {
  let existing = sheets.get(css)
  if (!existing) {
    existing = new CSSStyleSheet()
    existing.replaceSync(css)
    sheets.set(css, existing)
  }
  return existing
}

export function adoptTokens(doc: Document = document): void {
  const tokens = sheet(TOKENS_CSS)
  if (!doc.adoptedStyleSheets.includes(tokens)) {
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, tokens]
  }
}
