// Container queries, not media queries: the page may give the composer a column of any width (a
// third of a wide screen, a whole phone, a slide). Name, text, transports and Send share one row
// when the composer is at least 62rem wide (the transport names alone need about 25rem); narrower,
// the text gets a row of its own; below 30rem the radios take two rows of two. These rules come
// last so that they win over the ones above.
export const COMPOSER_CSS = `
:host { display: block; container-type: inline-size; }
form { display: grid; grid-template-columns: minmax(7rem, 11rem) 1fr auto auto; gap: 0.6rem; align-items: end; }
label { min-width: 0; display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.75rem; font-weight: 600; color: var(--wl-muted); }
.text { min-width: 0; display: flex; flex-direction: column; gap: 0.25rem; }
.text-head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; }
.counter { font-size: 0.75rem; font-weight: 600; color: var(--wl-muted); white-space: nowrap; }
.counter[data-level='limit'] { color: var(--wl-warn); }
.counter[data-level='over'] { color: var(--wl-bad); }
input {
  border: 1px solid var(--wl-border); background: var(--wl-surface-2); border-radius: 10px;
  padding: 0.55rem 0.7rem; font-size: 0.95rem; color: var(--wl-text); min-width: 0; width: 100%;
}
input[aria-invalid='true'], input[data-level='over'] { border-color: var(--wl-bad); }
fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
legend { font-size: 0.75rem; font-weight: 600; color: var(--wl-muted); padding: 0; margin-bottom: 0.25rem; }
.choices { display: flex; background: var(--wl-surface-2); border: 1px solid var(--wl-border); border-radius: 10px; padding: 2px; }
.choices label { flex: 1 0 auto; }
.choices input { position: absolute; opacity: 0; pointer-events: none; width: 1px; }
.choices span {
  display: block; text-align: center; padding: 0.45rem 0.6rem; border-radius: 8px; cursor: pointer;
  font-size: 0.85rem; color: var(--wl-text); font-weight: 600; white-space: nowrap;
}
.choices input:checked + span { background: var(--wl-surface); box-shadow: var(--wl-shadow); color: var(--wl-accent); }
.choices input:focus-visible + span { outline: 2px solid var(--wl-accent); }
.send {
  background: var(--wl-accent); color: #fff; border: none; padding: 0.6rem 1.2rem; border-radius: 10px;
  font-weight: 700; font-size: 0.95rem;
}
:host-context([data-theme='dark']) .send { color: #0d1117; }
input[readonly] { background: var(--wl-surface); color: var(--wl-muted); cursor: default; }
.send:disabled { opacity: 0.5; cursor: not-allowed; }
.notice {
  grid-column: 1 / -1; margin: 0; padding: 0.45rem 0.7rem; border-radius: 10px; font-size: 0.85rem; font-weight: 600;
  color: var(--wl-bad); background: color-mix(in srgb, var(--wl-bad) 10%, var(--wl-surface));
}
.status { grid-column: 1 / -1; margin: 0; font-size: 0.8rem; min-height: 1.2em; }
.status[data-kind='error'] { color: var(--wl-bad); }
.outbox {
  grid-column: 1 / -1; list-style: none; margin: 0; padding: 0; max-height: 12rem; overflow-y: auto;
  display: flex; flex-direction: column; gap: 0.3rem; font-size: 0.85rem;
}
.outbox li {
  display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 0.6rem; padding: 0.35rem 0.6rem;
  border: 1px dashed var(--wl-border); border-radius: 10px; background: var(--wl-surface-2);
}
.outbox li[data-state='failed'] { border: 1px solid var(--wl-bad); }
.outbox .via { font-size: 0.7rem; font-weight: 700; color: var(--wl-muted); white-space: nowrap; }
.outbox .body { flex: 1 1 8rem; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.outbox .state { font-size: 0.75rem; color: var(--wl-muted); white-space: nowrap; }
.outbox li[data-state='sending'] .state { color: var(--wl-accent); }
.outbox .reason { flex: 1 1 100%; order: 1; margin: 0; color: var(--wl-bad); }
.outbox .actions { display: flex; gap: 0.4rem; margin-left: auto; }
@container (max-width: 62rem) {
  form { grid-template-columns: 1fr auto; }
  .text, fieldset, .outbox { grid-column: 1 / -1; }
  .text { order: -1; }
  fieldset { order: 1; }
  .status, .notice { order: 2; }
  .outbox { order: 3; }
}
@container (max-width: 36rem) { .outbox .actions { order: 2; } }
@container (max-width: 30rem) {
  .choices { display: grid; grid-template-columns: 1fr 1fr; }
  .choices span { padding: 0.45rem 0.3rem; }
}
`
