import { POPOVER_CSS } from './styles.ts'

export const PANEL_CSS = `${POPOVER_CSS}
:host {
  display: block; min-width: 0;
  --wl-series: var(--wl-accent);
}
/* Containers for the queries below; not the host: containment would stop it being a subgrid. */
.latency, .wire { container-type: inline-size; }
/*
 * Side by side (in a grid of panels), each part of a panel takes one row of the page's grid, so
 * the four panels' latency, wire and message sections line up whatever the length of the texts
 * above them in either language. Alone (a slide), the panel is a plain column.
 */
:host([data-aligned]) {
  display: grid; grid-template-rows: subgrid; grid-row: span 8; row-gap: 0.85rem;
  background: var(--wl-surface); border: 1px solid var(--wl-border); border-radius: var(--wl-radius);
  box-shadow: var(--wl-shadow); padding: 1rem 1rem 0.75rem; border-top: 4px solid var(--wl-series);
}
:host([data-aligned]) .panel { display: contents; }
:host([data-aligned]) .panel > * { min-width: 0; }
:host([data-aligned]) header { grid-row: 1; }
:host([data-aligned]) .how { grid-row: 2; min-height: 0; }
:host([data-aligned]) .notes { grid-row: 3; }
:host([data-aligned]) .latency { grid-row: 4; }
:host([data-aligned]) .wire { grid-row: 5; }
:host([data-aligned]) .messages { grid-row: 6; }
:host([data-aligned]) details { grid-row: 7; align-self: end; }
:host([transport='poll']) { --wl-series: var(--wl-poll); }
:host([transport='longpoll']) { --wl-series: var(--wl-longpoll); }
:host([transport='sse']) { --wl-series: var(--wl-sse); }
:host([transport='ws']) { --wl-series: var(--wl-ws); }
:host([transport='socketio']) { --wl-series: var(--wl-socketio); }
.panel {
  background: var(--wl-surface); border: 1px solid var(--wl-border); border-radius: var(--wl-radius);
  box-shadow: var(--wl-shadow); padding: 1rem 1rem 0.75rem; display: flex; flex-direction: column;
  gap: 0.85rem; height: 100%; border-top: 4px solid var(--wl-series);
}
/* Title on a line of its own, so the four panels line up whatever the name's length. */
header { display: flex; flex-direction: column; gap: 0.45rem; }
.actions { display: flex; align-items: center; gap: 0.4rem; flex-wrap: wrap; }
.actions .badge { margin-right: auto; }
.badge[hidden] { display: none; }
.actions [data-part='state']:has(+ .instance:not([hidden])) { margin-right: 0; }
.badge.instance { color: var(--wl-muted); font-weight: 500; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--wl-series); margin-right: 0.45rem; vertical-align: 0.05em; }
h2 { font-size: 1.1rem; font-weight: 700; letter-spacing: -0.01em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
h3 {
  font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--wl-muted);
  font-weight: 600; margin-bottom: 0.4rem;
}
.how { margin: 0; font-size: 0.88rem; line-height: 1.45; color: var(--wl-muted); min-height: calc(4 * 1.45em); }
.drop-report {
  margin: 0; font-size: 0.8rem; padding: 0.45rem 0.6rem; border-radius: 10px;
  background: color-mix(in srgb, var(--wl-warn) 12%, var(--wl-surface-2)); border-left: 3px solid var(--wl-warn);
}
.wire-note {
  margin: 0 0 0.5rem; font-size: 0.8rem; padding: 0.45rem 0.6rem; border-radius: 10px;
  background: color-mix(in srgb, var(--wl-warn) 12%, var(--wl-surface-2)); border-left: 3px solid var(--wl-warn);
}
:host([data-wire-partial]) .wire .figures { opacity: 0.55; }
.notes { display: flex; flex-direction: column; gap: 0.4rem; }
.network-note {
  margin: 0; font-size: 0.8rem; padding: 0.45rem 0.6rem; border-radius: 10px;
  background: color-mix(in srgb, var(--wl-accent) 10%, var(--wl-surface-2)); border-left: 3px solid var(--wl-accent);
}
.network-note[data-offline='true'] { border-left-color: var(--wl-bad); background: color-mix(in srgb, var(--wl-bad) 10%, var(--wl-surface-2)); }
[data-part='network'][aria-expanded='true'] { background: var(--wl-accent); color: var(--wl-surface); border-color: var(--wl-accent); }
.drop-report[data-stage='next'] { border-left-color: var(--wl-ok); background: color-mix(in srgb, var(--wl-ok) 10%, var(--wl-surface-2)); }
h3 .help {
  margin-left: 0.35rem; width: 1.3rem; height: 1.3rem; padding: 0; border-radius: 50%; font-size: 0.72rem;
  font-weight: 700; line-height: 1; color: var(--wl-muted); vertical-align: 0.05em;
}
.badge {
  display: inline-flex; align-items: center; gap: 0.35rem; font-size: 0.75rem; font-weight: 600;
  padding: 0.15rem 0.55rem; border-radius: 999px; background: var(--wl-surface-2); white-space: nowrap;
  --badge: var(--wl-warn);
}
.badge[data-state='open'] { --badge: var(--wl-ok); }
.badge[data-state='reconnecting'] { --badge: var(--wl-bad); }
.badge[data-state='closed'], .badge[data-state='paused'] { --badge: var(--wl-muted); }
.badge { color: var(--badge); }
.pulse { width: 0.5rem; height: 0.5rem; border-radius: 50%; background: var(--badge); }
.badge[data-state='connecting'] .pulse, .badge[data-state='reconnecting'] .pulse {
  animation: pulse 1s ease-in-out infinite;
}
@keyframes pulse { 50% { opacity: 0.25; } }
@media (prefers-reduced-motion: reduce) { .pulse { animation: none !important; } }
.icon { padding: 0.1rem 0.5rem; font-size: 0.95rem; line-height: 1.2; color: var(--wl-muted); }
.icon:disabled { opacity: 0.45; cursor: not-allowed; }
.big3 { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4rem; }
.big3 > div {
  background: var(--wl-surface-2); border-radius: 10px; padding: 0.45rem 0.55rem;
  display: flex; flex-direction: column;
}
.big3 .label { font-size: 0.7rem; color: var(--wl-muted); font-weight: 600; }
.big3 .value { font-size: clamp(0.85rem, 4.6cqi, 1.3rem); font-weight: 700; white-space: nowrap; }
.extra { font-size: 0.75rem; margin: 0.4rem 0 0.2rem; line-height: 1.3; min-height: 1.3em; }
/* Two lines kept for the facts under p50/p95/p99, so that the charts below them line up. */
.extra[data-part='latency-extra'] { min-height: 2.6em; }
.figures {
  display: grid; grid-template-columns: 1fr 1fr; gap: 0.1rem 0.9rem; margin: 0; font-size: 0.85rem;
}
.figures > div {
  display: flex; justify-content: space-between; gap: 0.5rem; padding: 0.22rem 0;
  border-bottom: 1px dashed var(--wl-border);
}
.figures dt { color: var(--wl-muted); }
.figures dd { margin: 0; font-weight: 600; white-space: nowrap; }
@container (max-width: 300px) { .figures { grid-template-columns: 1fr; } }
.messages ol {
  list-style: none; margin: 0; padding: 0; height: 12.5rem; overflow-y: auto;
  display: flex; flex-direction: column; gap: 0.35rem; overscroll-behavior: contain;
  /* The list changes many times a second under load: keep its layout and paint to itself. */
  contain: strict;
}
.messages ol.busy li { animation: none; }
.messages li {
  background: var(--wl-surface-2); border-radius: 10px; padding: 0.4rem 0.6rem;
  border-left: 3px solid var(--wl-series); animation: arrive 0.5s ease-out;
}
.messages li.tick { border-left-color: var(--wl-border); }
.messages li.history { opacity: 0.65; border-left-style: dashed; }
@keyframes arrive { from { background: color-mix(in srgb, var(--wl-series) 22%, var(--wl-surface-2)); } }
.head { display: flex; gap: 0.4rem; align-items: baseline; font-size: 0.78rem; }
.user { font-weight: 700; }
.lat { margin-left: auto; color: var(--wl-series); font-weight: 600; white-space: nowrap; }
.lat.caught-up, .lat.unclocked { color: var(--wl-muted); font-weight: 500; }
.text { margin: 0.1rem 0 0; font-size: 0.88rem; overflow-wrap: anywhere; white-space: pre-wrap; }
.empty { margin: 0; font-size: 0.85rem; }
.continuity { margin: 0 0 0.4rem; font-size: 0.76rem; font-weight: 600; color: var(--wl-good, #15803d); }
.continuity[data-ok='false'] { color: var(--wl-bad, #b91c1c); }
details { border-top: 1px solid var(--wl-border); padding-top: 0.6rem; }
summary { cursor: pointer; font-weight: 600; font-size: 0.88rem; }
`
