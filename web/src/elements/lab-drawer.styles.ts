export const LAB_DRAWER_CSS = `
:host { display: block; }
.drawer {
  height: 100%; display: flex; flex-direction: column; background: var(--wl-surface);
  border-left: 1px solid var(--wl-border); box-shadow: var(--wl-shadow);
}
.bar {
  display: flex; align-items: center; justify-content: space-between; gap: 0.5rem;
  padding: 0.6rem 1rem; border-bottom: 1px solid var(--wl-border); background: var(--wl-surface-2);
}
.eyebrow { margin: 0; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: var(--wl-muted); }
.actions { display: flex; gap: 0.4rem; }
.actions button { font-size: 0.8rem; font-weight: 600; border-radius: 999px; }
.close { font-size: 1.1rem; line-height: 1; padding: 0.2rem 0.55rem; }
.scroll { overflow-y: auto; padding: 1rem 1.25rem 3rem; flex: 1; overscroll-behavior: contain; }
h1 { margin: 0 0 0.6rem; font-size: 1.45rem; letter-spacing: -0.01em; }
.meta { margin: 0 0 1rem; font-size: 0.88rem; display: grid; gap: 0.35rem; }
.meta div { display: grid; grid-template-columns: 8.5rem 1fr; gap: 0.5rem; }
.meta dt { color: var(--wl-muted); font-weight: 600; }
.meta dd { margin: 0; }
.meta ul { margin: 0; padding-left: 1.1rem; }
.name { display: flex; align-items: center; gap: 0.5rem; font-size: 0.85rem; color: var(--wl-muted); margin-bottom: 0.5rem; }
.name input, .value, .answer {
  border: 1px solid var(--wl-border); background: var(--wl-surface-2); color: var(--wl-text);
  border-radius: 8px; padding: 0.35rem 0.5rem; font: inherit;
}
.lab { font-size: 0.95rem; line-height: 1.55; }
.lab h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; padding-top: 0.6rem; border-top: 1px solid var(--wl-border); }
.lab h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
.lab p { margin: 0.5rem 0; }
.lab code { font-family: var(--wl-mono); font-size: 0.86em; background: var(--wl-surface-2); padding: 0.05em 0.3em; border-radius: 4px; }
.lab pre { margin: 0; padding: 0.6rem 0.7rem; background: var(--wl-surface-2); border-radius: 8px; overflow-x: auto; font-size: 0.8rem; line-height: 1.45; }
.lab pre code { background: none; padding: 0; font-size: inherit; }
.cmd { position: relative; margin: 0.6rem 0; }
.cmd pre { border-left: 3px solid var(--wl-accent); padding-right: 2.6rem; }
.cmd .copy { position: absolute; top: 0.35rem; right: 0.35rem; padding: 0.1rem 0.45rem; font-size: 0.9rem; }
.output { margin: 0.4rem 0 0.8rem; }
.file { margin: 0.6rem 0; }
.file figcaption { font-family: var(--wl-mono); font-size: 0.75rem; color: var(--wl-muted); margin-bottom: 0.2rem; }
.file pre { border-left: 3px solid var(--wl-ok); }
.output figcaption { font-size: 0.72rem; font-weight: 700; color: var(--wl-muted); text-transform: uppercase; letter-spacing: 0.06em; margin-bottom: 0.2rem; }
.output pre { border-left: 3px solid var(--wl-border); }
.lab table { border-collapse: collapse; width: 100%; font-size: 0.86rem; margin: 0.5rem 0; }
.lab th, .lab td { border-bottom: 1px solid var(--wl-border); padding: 0.35rem 0.4rem; text-align: left; vertical-align: top; }
.lab td:first-child { font-weight: 700; white-space: nowrap; }
.value { width: 8.5rem; max-width: 100%; }
.taken { display: block; font-size: 0.72rem; margin-top: 0.15rem; }
.take { font-size: 0.78rem; padding: 0.15rem 0.5rem; border-radius: 999px; white-space: nowrap; }
.answer { display: block; width: 100%; margin: 0.35rem 0 0.8rem; resize: vertical; }
.lab ol > li { margin-bottom: 0.4rem; }
.lab blockquote { margin: 0.5rem 0; padding: 0.2rem 0.8rem; border-left: 3px solid var(--wl-warn); color: var(--wl-muted); }
@media print {
  .drawer { border: none; box-shadow: none; height: auto; }
  .bar .actions, .copy, .take { display: none; }
  .scroll { overflow: visible; padding: 0; }
}
`
