/** The page's class parts (adopted only on a class page): who you are, the banner, the result. */
export const CLASS_CSS = `
.roombar .class-who { font-weight: 600; }
.roombar .class-who::before { content: '·'; margin-right: 0.6rem; color: var(--wl-muted); font-weight: 400; }
.roombar .class-who a { margin-left: 0.5rem; color: var(--wl-accent); }
.class-banner {
  position: sticky; top: 0; z-index: 10; margin: 0; padding: 0.65rem clamp(1rem, 3vw, 2.5rem);
  font-size: 0.98rem; font-weight: 650; color: var(--wl-text);
  background: color-mix(in srgb, var(--wl-accent) 16%, var(--wl-surface));
  border-bottom: 1px solid color-mix(in srgb, var(--wl-accent) 40%, var(--wl-border));
  box-shadow: var(--wl-shadow); font-variant-numeric: tabular-nums;
}
.class-banner[data-stage='running'] {
  background:
    linear-gradient(to right, color-mix(in srgb, var(--wl-ok) 28%, var(--wl-surface)) calc(var(--progress, 0) * 100%), transparent 0),
    color-mix(in srgb, var(--wl-ok) 10%, var(--wl-surface));
  border-bottom-color: color-mix(in srgb, var(--wl-ok) 45%, var(--wl-border));
}
.class-banner[data-stage='missed'], .class-banner[data-stage='join'] {
  background: color-mix(in srgb, var(--wl-warn) 14%, var(--wl-surface)); font-weight: 500;
  border-bottom-color: color-mix(in srgb, var(--wl-warn) 35%, var(--wl-border));
}
.class-banner a { color: var(--wl-accent); font-weight: 700; }
/* A live slide shows one part of the page (present.ts): the class's banner is not that part. */
html[data-present] .class-banner { display: none !important; }
`
