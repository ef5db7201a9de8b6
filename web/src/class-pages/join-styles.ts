/** The join page: one card, read and typed on a phone. */
export const JOIN_CSS = `
.join { max-width: 30rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
.join-card { padding: 1.4rem 1.3rem 1.6rem; }
.join-card h1 { margin: 0 0 0.4rem; font-size: 1.6rem; letter-spacing: -0.02em; }
.join-card .intro { margin: 0 0 1.2rem; color: var(--wl-muted); }
.join-card form { display: grid; gap: 0.35rem; }
.join-card label { font-weight: 700; margin-top: 0.6rem; }
.join-card input {
  font: inherit; font-size: 1.2rem; min-height: 3rem; padding: 0.5rem 0.8rem; border-radius: 10px;
  border: 1px solid var(--wl-border); background: var(--wl-surface-2); color: var(--wl-text); width: 100%;
  box-sizing: border-box;
}
.join-card input:focus-visible { outline: 2px solid var(--wl-accent); outline-offset: 1px; }
.join-card input[aria-invalid='true'] { border-color: var(--wl-bad); }
.join-card .code-input {
  font-family: var(--wl-mono); font-size: 1.6rem; letter-spacing: 0.18em; text-transform: uppercase;
}
.join-card .hint { margin: 0; font-size: 0.85rem; color: var(--wl-muted); }
.join-card .primary {
  margin-top: 1rem; min-height: 3.2rem; border: none; border-radius: 12px; cursor: pointer;
  background: var(--wl-accent); color: var(--wl-surface); font-size: 1.15rem; font-weight: 700;
}
.join-card .primary:disabled { opacity: 0.6; cursor: progress; }
.join-card .error, .join-card .ok, .join-card .member {
  margin: 0.6rem 0 0; padding: 0.7rem 0.9rem; border-radius: 10px; font-weight: 500;
}
.join-card .error {
  background: color-mix(in srgb, var(--wl-bad) 12%, var(--wl-surface));
  border: 1px solid color-mix(in srgb, var(--wl-bad) 45%, var(--wl-border));
}
.join-card .ok { background: color-mix(in srgb, var(--wl-ok) 12%, var(--wl-surface)); }
.join-card .member { margin: 0 0 0.8rem; background: var(--wl-surface-2); border: 1px solid var(--wl-border); }
.join-card .member a { color: var(--wl-accent); font-weight: 700; }
.segmented button, .tools > button { min-height: 2.5rem; min-width: 2.75rem; }
`
