/** The class dashboard and its result view (also alone, `?view=result`, in a slide's iframe). */
export const DASHBOARD_CSS = `
[hidden] { display: none !important; }
.dashboard {
  display: grid; gap: 1.25rem; grid-template-columns: 1fr;
  grid-template-areas: 'join' 'live' 'experiments' 'result' 'students' 'controls';
}
@media (min-width: 1100px) {
  .dashboard {
    grid-template-columns: minmax(0, 4fr) minmax(0, 9fr);
    grid-template-areas: 'join live' 'experiments result' 'controls students';
    align-items: start;
  }
}
.join-panel { grid-area: join; }
.live-card { grid-area: live; }
.experiments-card { grid-area: experiments; }
.result-card { grid-area: result; min-width: 0; }
.students-card { grid-area: students; min-width: 0; }
.controls-card { grid-area: controls; }
.card h3 { margin: 0.9rem 0 0.4rem; font-size: 0.95rem; }
.small { font-size: 0.82rem; }
.dashboard button, .result-card .button {
  font: inherit; font-size: 0.85rem; font-weight: 600; cursor: pointer; color: var(--wl-text);
  border: 1px solid var(--wl-border); border-radius: 999px; background: var(--wl-surface);
  padding: 0.4rem 0.85rem; min-height: 2.25rem; text-decoration: none; display: inline-flex; align-items: center;
}
.dashboard button:hover, .result-card .button:hover { border-color: var(--wl-accent); }
.dashboard button:disabled { opacity: 0.5; cursor: not-allowed; }
.dashboard .primary { background: var(--wl-accent); border-color: var(--wl-accent); color: var(--wl-surface); }
.dashboard .danger { border-color: color-mix(in srgb, var(--wl-bad) 55%, var(--wl-border)); color: var(--wl-bad); }
.dashboard input {
  font: inherit; color: var(--wl-text); background: var(--wl-surface-2); border: 1px solid var(--wl-border);
  border-radius: 8px; padding: 0.35rem 0.55rem; min-height: 2.25rem; box-sizing: border-box;
}
.dashboard input:focus-visible, .dashboard button:focus-visible { outline: 2px solid var(--wl-accent); outline-offset: 2px; }
.feedback { margin: 0.6rem 0 0; font-size: 0.85rem; min-height: 1.2em; }
.feedback.failed { color: var(--wl-bad); font-weight: 600; }

/* Join panel: projected, read from the back of the room. */
.join-body { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
.qr { width: min(15rem, 100%); aspect-ratio: 1; background: #fff; padding: 0.6rem; border-radius: 12px; box-sizing: border-box; }
.join-where { min-width: 0; flex: 1 1 12rem; }
.join-where p { margin: 0.2rem 0; }
.join-url { font-family: var(--wl-mono); font-size: 1.05rem; font-weight: 600; overflow-wrap: anywhere; }
.code-label { margin-top: 0.8rem !important; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; }
.join-code { font-family: var(--wl-mono); font-size: clamp(2.2rem, 5vw, 3.4rem); font-weight: 800; letter-spacing: 0.14em; color: var(--wl-accent); }
.other-urls { margin-top: 0.6rem; font-size: 0.82rem; color: var(--wl-muted); }
.other-urls ul { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.join-panel:fullscreen {
  background: var(--wl-surface); border-radius: 0; border: none; display: flex; flex-direction: column;
  justify-content: center; padding: 3vh 5vw; overflow: auto;
}
.join-panel:fullscreen .card-head h2 { font-size: 4vh; }
.join-panel:fullscreen .join-body { gap: 5vw; justify-content: center; flex-wrap: nowrap; }
.join-panel:fullscreen .qr { width: min(72vh, 44vw); }
.join-panel:fullscreen .join-where { flex: 0 1 auto; }
.join-panel:fullscreen .join-where p { font-size: 3vh; }
.join-panel:fullscreen .join-where .join-url { font-size: 3.6vh; }
.join-panel:fullscreen .join-where .join-code { font-size: 13vh; }

/* Live */
.live-status { font-size: 0.85rem; }
.totals { display: flex; flex-wrap: wrap; gap: 0.5rem 1.75rem; margin: 0 0 1rem; }
.totals div { display: flex; flex-direction: column-reverse; }
.totals dt { font-size: 0.78rem; color: var(--wl-muted); }
.totals dd { margin: 0; font-size: 1.7rem; font-weight: 700; }
.transport-cards { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(11.5rem, 1fr)); }
.transport-card {
  border: 1px solid var(--wl-border); border-top: 4px solid var(--transport-color); border-radius: 10px;
  padding: 0.6rem 0.8rem; background: var(--wl-surface-2);
}
.transport-card h3 { margin: 0 0 0.3rem; color: var(--transport-color); }
.transport-card p { margin: 0.15rem 0; font-size: 0.85rem; }
.transport-card .connected b { font-size: 1.15rem; }
.transport-card .window { font-size: 0.75rem; }
.percentiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.3rem; margin: 0.45rem 0; }
.percentiles dt { font-size: 0.72rem; color: var(--wl-muted); font-weight: 700; }
.percentiles dd { margin: 0; font-size: 1rem; font-weight: 700; white-space: nowrap; }
.extra { margin: 0; font-size: 0.8rem; }
.extra div { display: flex; justify-content: space-between; gap: 0.5rem; }
.extra dt { color: var(--wl-muted); }
.extra dd { margin: 0; font-weight: 600; white-space: nowrap; }

/* Experiments */
.run-status {
  margin: 0.5rem 0; padding: 0.6rem 0.8rem; border-radius: 10px; font-weight: 700;
  background: color-mix(in srgb, var(--wl-accent) 12%, var(--wl-surface)); border: 1px solid color-mix(in srgb, var(--wl-accent) 35%, var(--wl-border));
}
.run-status[data-phase='countdown'] { font-size: 1.25rem; }
.experiments-card progress { width: 100%; height: 0.8rem; accent-color: var(--wl-accent); }
.presets { display: grid; gap: 0.75rem; margin-top: 0.75rem; }
.preset { border: 1px solid var(--wl-border); border-radius: 10px; padding: 0.6rem 0.8rem; background: var(--wl-surface-2); }
.preset h3 { margin: 0 0 0.2rem; }
.preset p { margin: 0.2rem 0; font-size: 0.88rem; }
.preset-controls { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-top: 0.4rem; font-size: 0.85rem; }
.preset-controls input { width: 5.5rem; }
.preset-controls .primary { margin-left: auto; }

/* Tables */
.table-scroll { overflow-x: auto; }
table.figures { border-collapse: collapse; width: 100%; font-size: 0.84rem; }
table.figures th, table.figures td { padding: 0.35rem 0.45rem; text-align: left; border-bottom: 1px solid var(--wl-border); white-space: nowrap; }
table.figures thead th { font-size: 0.76rem; color: var(--wl-muted); }
table.figures th.num { text-align: right; }
table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.figures th.transport { color: var(--transport-color); font-weight: 700; }
table.figures th.student { vertical-align: top; }
table.figures tbody + tbody { border-top: 2px solid var(--wl-border); }
.students-table td.state[data-state='open'] { color: var(--wl-ok); }
.students-table td.state[data-state='reconnecting'], .students-table td.state[data-state='connecting'] { color: var(--wl-warn); }
.students-table td.state[data-state='closed'] { color: var(--wl-bad); }
.students-table tr.behind { background: color-mix(in srgb, var(--wl-warn) 10%, transparent); }
.students-table tr.muted-student .student-name { text-decoration: line-through; color: var(--wl-muted); }
.students-table tbody th { white-space: normal; min-width: 7rem; }
.badges { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.badges:not(:empty) { margin-top: 0.2rem; }
.students-table button.mute { padding: 0.25rem 0.7rem; min-height: 2rem; }
.badge { font-size: 0.7rem; font-weight: 700; padding: 0.05rem 0.45rem; border-radius: 999px; text-transform: uppercase; }
.badge.behind { background: var(--wl-warn); color: var(--wl-surface); }
.badge.muted { background: var(--wl-muted); color: var(--wl-surface); }
.students-card .empty { margin: 0.5rem 0 0; }

/* Controls */
.settings { display: grid; grid-template-columns: 1fr 8rem; gap: 0.45rem 0.75rem; align-items: center; font-size: 0.88rem; }
.settings .primary { grid-column: 1 / -1; justify-self: start; }
.drops { display: flex; flex-wrap: wrap; gap: 0.45rem; margin-bottom: 0.9rem; }
.drops button { border-color: color-mix(in srgb, var(--transport-color) 55%, var(--wl-border)); }

/* Result */
.result-card .card-head { margin-bottom: 0.25rem; }
.result-card .meta { margin: 0 0 0.6rem; color: var(--wl-muted); font-size: 0.9rem; }
.result-note { margin: 0.5rem 0; color: var(--wl-muted); }
.result-card .chart { margin: 0.25rem 0 0.75rem; }
.result-card figcaption { font-size: 0.8rem; text-align: center; }
.latency-chart { width: 100%; height: auto; display: block; color: var(--wl-text); font-family: var(--wl-font); }
.latency-chart .grid { stroke: var(--wl-border); stroke-width: 1; }
.latency-chart .tick { fill: var(--wl-muted); font-size: 11px; }
.latency-chart .name { fill: currentColor; font-size: 13px; font-weight: 700; }
.latency-chart .pct { fill: var(--wl-muted); font-size: 11px; font-weight: 600; }
.latency-chart .value { fill: currentColor; font-size: 12px; font-variant-numeric: tabular-nums; }
.result-part h3 { margin-top: 1rem; }

/* ?view=result: the result card alone, for a slide's iframe. */
html[data-view='result'] body > header.top, html[data-view='result'] .dashboard > :not(.result-card) { display: none !important; }
html[data-view='result'] main { padding: 1rem 1.5rem; }
html[data-view='result'] .dashboard { display: block; }
html[data-view='result'] .result-card { box-shadow: none; border: none; background: transparent; padding: 0; }
html[data-view='result'] .result-card h2 { font-size: 1.5rem; }
html[data-view='result'] .result-note { font-size: 1.4rem; }
/* A slide is about 16:9: the chart and the class's table fit its first screen, the pages scroll. */
html[data-view='result'] .latency-chart { max-height: 46vh; }
html[data-view='result'] .result-card figcaption { text-align: left; }
`
