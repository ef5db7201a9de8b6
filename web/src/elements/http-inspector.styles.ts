// The ↪ drawn in the gutter of a wrapped line's continuations; a fixed mid grey reads on both themes.
const CONTINUATION_MARK = `url("data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 14 14.5'><path d='M3.5 3.5v4.5h7m-2.5-2.5 2.5 2.5-2.5 2.5' fill='none' stroke='#8a94a6' stroke-width='1.4' stroke-linecap='round' stroke-linejoin='round'/></svg>`,
)}")`

export const HTTP_INSPECTOR_CSS = `
:host { display: block; container-type: inline-size; }
.tabs { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.6rem; }
.tabs button[aria-pressed='true'] { background: var(--wl-accent); color: var(--wl-surface); border-color: var(--wl-accent); }
.heads { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr)); gap: 0.8rem; }
section { min-width: 0; }
h3 { margin: 0 0 0.3rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--wl-muted); }
pre { margin: 0; padding: 0.6rem; background: var(--wl-surface-2); border-radius: 8px; overflow-x: auto;
  font-size: 0.78rem; line-height: 1.45; white-space: pre; }
.line { display: block; }
.size { font-size: 0.76rem; color: var(--wl-muted); margin: 0.25rem 0 0; }
.wrapped { display: none; font-size: 0.76rem; margin: 0 0 0.5rem; }
.trimmed { padding: 0.6rem 0.8rem; border-radius: 8px; border-left: 3px solid var(--wl-warn);
  background: color-mix(in srgb, var(--wl-warn) 10%, var(--wl-surface)); font-size: 0.88rem; }
.steps { margin-bottom: 0.8rem; }
.steps ol { margin: 0; padding-left: 1.4rem; font-size: 0.76rem; line-height: 1.5; overflow-wrap: anywhere; }
.accept { margin-top: 1rem; }
.accept .hint { margin: 0 0 0.5rem; font-size: 0.85rem; }
.accept dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.85rem; }
.accept dt { color: var(--wl-muted); }
.accept dd { margin: 0; overflow-wrap: anywhere; }
.verdict { margin: 0.5rem 0 0; font-weight: 600; }
.verdict[data-matches='true'] { color: var(--wl-ok); }
.verdict[data-matches='false'] { color: var(--wl-bad); }
/* A phone cannot show an 80-column head: long lines wrap, each continuation indented behind a ↪
   (the first line's gutter is painted over), and a legend says so. Wider, the head is unwrapped. */
@container (max-width: 48rem) {
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .line {
    padding-left: 1.4em; text-indent: -1.4em;
    background: linear-gradient(var(--wl-surface-2), var(--wl-surface-2)) 0 0 / 1.4em 1.45em no-repeat,
      ${CONTINUATION_MARK} 0 0 / 1.4em 1.45em repeat-y;
  }
  .wrapped { display: block; }
  .accept dl { grid-template-columns: 1fr; }
  .accept dd { margin-bottom: 0.35rem; }
}
`
