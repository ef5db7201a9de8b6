import { POPOVER_CSS } from './elements/styles.ts'

export const PAGE_CSS = `${POPOVER_CSS}
html { background: var(--wl-bg); }
body {
  margin: 0; font-family: var(--wl-font); color: var(--wl-text); background: var(--wl-bg);
  -webkit-font-smoothing: antialiased; line-height: 1.4;
}
button { font: inherit; color: inherit; }
.num { font-variant-numeric: tabular-nums; }
.top {
  display: flex; align-items: center; justify-content: space-between; gap: 1rem 2rem; flex-wrap: wrap;
  padding: 1.1rem clamp(1rem, 3vw, 2.5rem); border-bottom: 1px solid var(--wl-border);
  background: var(--wl-surface);
}
.brand { display: flex; align-items: baseline; gap: 1.1rem; flex-wrap: wrap; min-width: 0; }
.logo { font-size: 1.6rem; font-weight: 800; letter-spacing: -0.04em; }
.logo b { color: var(--wl-accent); }
.pitch { margin: 0; color: var(--wl-muted); font-size: 0.95rem; max-width: 46rem; }
.tools { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
.clock {
  font-size: 0.82rem; color: var(--wl-muted); padding: 0.35rem 0.7rem; border-radius: 999px;
  background: var(--wl-surface-2); border: 1px solid var(--wl-border); cursor: help;
}
.clock b { color: var(--wl-text); font-weight: 600; margin-left: 0.25rem; }
.segmented {
  display: inline-flex; border: 1px solid var(--wl-border); border-radius: 999px; overflow: hidden;
  margin: 0; padding: 0; min-width: 0;
}
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.segmented button, .tools > button, .card-head button {
  border: none; background: transparent; padding: 0.35rem 0.75rem; cursor: pointer; font-size: 0.82rem;
  font-weight: 600; color: var(--wl-muted);
}
.segmented button[aria-pressed='true'] { background: var(--wl-accent); color: var(--wl-surface); }
.tools > button, .card-head button {
  border: 1px solid var(--wl-border); border-radius: 999px; background: var(--wl-surface);
}
.tools > button:hover, .card-head button:hover, .segmented button:hover { color: var(--wl-text); }
button:focus-visible { outline: 2px solid var(--wl-accent); outline-offset: 2px; }
.banner {
  margin: 0; padding: 0.5rem clamp(1rem, 3vw, 2.5rem); font-size: 0.85rem; font-weight: 500;
  background: color-mix(in srgb, var(--wl-warn) 14%, var(--wl-bg)); color: var(--wl-text);
  border-bottom: 1px solid color-mix(in srgb, var(--wl-warn) 35%, var(--wl-border));
}
.banner::before { content: '◆ '; color: var(--wl-warn); }
.pill {
  border: 1px solid var(--wl-border); border-radius: 999px; background: var(--wl-surface); padding: 0.35rem 0.75rem;
  font-size: 0.82rem; font-weight: 600; color: var(--wl-muted); text-decoration: none;
}
.pill:hover { color: var(--wl-text); border-color: var(--wl-accent); }
.clock .help {
  margin-left: 0.35rem; width: 1.25rem; height: 1.25rem; padding: 0; border-radius: 50%; font-size: 0.72rem;
  font-weight: 700; line-height: 1; border: 1px solid var(--wl-border); background: var(--wl-surface); color: var(--wl-muted);
  cursor: pointer;
}
.roombar {
  display: flex; align-items: center; gap: 0.5rem 0.8rem; flex-wrap: wrap; font-size: 0.86rem;
  padding: 0.55rem clamp(1rem, 3vw, 2.5rem); border-bottom: 1px solid var(--wl-border); background: var(--wl-surface-2);
}
.roombar .room b { font-family: var(--wl-mono); font-size: 0.92rem; }
.roombar button {
  border: 1px solid var(--wl-border); border-radius: 999px; background: var(--wl-surface); padding: 0.25rem 0.7rem;
  font-size: 0.8rem; font-weight: 600; color: var(--wl-muted); cursor: pointer;
}
.roombar button:hover { color: var(--wl-text); border-color: var(--wl-accent); }
.roombar .room-note { font-size: 0.8rem; overflow-wrap: anywhere; }
.roombar .reset { margin-left: auto; }
.muted { color: var(--wl-muted); }
/* A lab open beside the panels: the page narrows, the drawer holds the right side. */
wl-lab-drawer { position: fixed; top: 0; right: 0; bottom: 0; z-index: 20; width: 100vw; }
@media (min-width: 1100px) {
  wl-lab-drawer { width: min(42rem, 40vw); }
  html[data-lab-open] body { margin-right: min(42rem, 40vw); }
  html[data-lab-open] .panels { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  html[data-lab-open] .lead { grid-template-columns: 1fr; grid-template-areas: 'composer' 'conversation' 'controls'; }
}
@media (min-width: 1900px) {
  html[data-lab-open] .panels { grid-template-columns: repeat(4, minmax(0, 1fr)); }
}
.lab-tab {
  position: fixed; right: 0; top: 40%; z-index: 15; writing-mode: vertical-rl; padding: 0.8rem 0.45rem;
  border: 1px solid var(--wl-border); border-right: none; border-radius: 10px 0 0 10px;
  background: var(--wl-accent); color: var(--wl-surface); font-weight: 700; cursor: pointer;
}
.labs-menu ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.2rem; }
.labs-menu a { display: block; padding: 0.35rem 0.5rem; border-radius: 8px; color: var(--wl-text); text-decoration: none; }
.labs-menu a:hover { background: var(--wl-surface-2); }
@media print {
  html[data-lab-open] body > :not(wl-lab-drawer) { display: none !important; }
  html[data-lab-open] body { margin: 0; }
  wl-lab-drawer { position: static; width: auto; }
}
/* ?present=…: one part of the page, as a slide embeds it (present.ts). */
html[data-present] body > header.top, html[data-present] wl-lab-drawer,
html[data-present] .lab-tab, html[data-present] main > * { display: none !important; }
/* The room bar stays: the room's link for students to join, and Reset measurements. */
html[data-present] .roombar { padding: 0.35rem 0.6rem; }
html[data-present] main { padding: 0.6rem; gap: 0.6rem; }
/* A slide is read from the back of a room: larger, as much as each view's height allows. */
html[data-present] body { zoom: 1.3; }
html[data-present='frames'] body, html[data-present='handshake'] body { zoom: 1; }
html[data-present='table'] body { zoom: 1.1; }
html[data-present='race'] main > .lead {
  display: grid !important; grid-template-columns: minmax(0, 4fr) minmax(0, 8fr);
  grid-template-areas: 'composer conversation';
}
html[data-present='race'] .lead > .controls { display: none; }
/* Frames: the composer beside the inspector, to send a masked frame of one's own. */
html[data-present='frames'] main {
  display: grid; grid-template-columns: minmax(0, 4fr) minmax(0, 9fr); align-items: start;
}
html[data-present='frames'] main > .lead { display: block !important; }
html[data-present='frames'] .lead > :not(.composer-card) { display: none; }
html[data-present='table'] main > .lead { display: block !important; }
html[data-present='table'] .lead > :not(.controls) { display: none; }
html[data-present='table'] .exports { display: none; }
html[data-present='frames'] main > .frames-card, html[data-present='handshake'] main > .http-card,
html[data-present='table'] main > .summary-card { display: block !important; }
/* On a phone the conversation comes right after the composer: the race is the page's lesson. */
.lead {
  display: grid; gap: 1.25rem; grid-template-columns: 1fr; align-items: start;
  grid-template-areas: 'composer' 'conversation' 'controls';
}
@media (min-width: 1100px) {
  .lead {
    grid-template-columns: minmax(0, 5fr) minmax(0, 7fr);
    grid-template-areas: 'composer conversation' 'controls conversation';
  }
  .conversation-card { align-self: stretch; }
}
.composer-card { grid-area: composer; }
.conversation-card { grid-area: conversation; }
.lead > .controls { grid-area: controls; }
main { padding: 1.25rem clamp(0.75rem, 3vw, 2.5rem) 2.5rem; display: flex; flex-direction: column; gap: 1.25rem; }
.card {
  background: var(--wl-surface); border: 1px solid var(--wl-border); border-radius: var(--wl-radius);
  box-shadow: var(--wl-shadow); padding: 1rem 1.25rem;
}
.card h2 { margin: 0; font-size: 1.05rem; letter-spacing: -0.01em; }
.card-head { display: flex; align-items: center; justify-content: space-between; gap: 0.75rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
.exports { display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
.exports span { font-size: 0.75rem; color: var(--wl-muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; margin-right: 0.2rem; }
.panels { display: grid; gap: 1rem; grid-template-columns: 1fr; align-items: stretch; }
@media (min-width: 720px) { .panels { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media (min-width: 1280px) { .panels { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
.controls summary { cursor: pointer; font-weight: 700; font-size: 1.05rem; }
.controls[open] summary { margin-bottom: 0.75rem; }
.panel-toggle { display: inline-flex; gap: 0.4rem; align-items: center; margin-top: 0.75rem; font-size: 0.85rem; font-weight: 600; cursor: pointer; }
/* Five in a row only while no lab takes the right side (the lab's own columns win then). */
@media (min-width: 1600px) { html[data-socketio]:not([data-lab-open]) .panels { grid-template-columns: repeat(5, minmax(0, 1fr)); } }
footer { padding: 0 clamp(1rem, 3vw, 2.5rem) 2rem; color: var(--wl-muted); font-size: 0.8rem; }
`
