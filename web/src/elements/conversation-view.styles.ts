export const CONVERSATION_CSS = `
:host { display: block; container-type: inline-size; }
.bar { display: flex; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; flex-wrap: wrap; margin-bottom: 0.5rem; }
.hint { margin: 0; font-size: 0.82rem; }
.toggle { display: inline-flex; align-items: center; gap: 0.35rem; font-size: 0.82rem; color: var(--wl-muted); cursor: pointer; }
.rows {
  list-style: none; margin: 0; padding: 0 0.2rem 0 0; display: flex; flex-direction: column; gap: 0.45rem;
  height: clamp(14rem, 42vh, 26rem); overflow-y: auto; overscroll-behavior: contain;
}
.rows > li {
  background: var(--wl-surface-2); border-radius: 12px; padding: 0.5rem 0.7rem; max-width: 46rem;
  border-left: 3px solid var(--wl-accent);
}
.rows > li.own { align-self: flex-end; border-left: none; border-right: 3px solid var(--wl-accent); }
.rows > li.ticks, .rows > li.tick { border-left-color: var(--wl-border); padding: 0.35rem 0.7rem; }
.rows > li.history { opacity: 0.7; border-left-style: dashed; }
.rows > li.restart {
  background: none; border: none; border-top: 2px dashed var(--wl-warn); border-radius: 0; max-width: none;
  text-align: center; font-size: 0.8rem; font-weight: 600; color: var(--wl-warn); padding: 0.3rem 0;
}
.head { display: flex; gap: 0.45rem; align-items: baseline; font-size: 0.8rem; }
.user { font-weight: 700; }
.you {
  font-size: 0.7rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--wl-accent);
}
.text { margin: 0.15rem 0 0.35rem; font-size: 1rem; overflow-wrap: anywhere; white-space: pre-wrap; }
.ticks .text, .tick .text { font-size: 0.85rem; color: var(--wl-muted); }
.race { list-style: none; margin: 0.3rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
.mark {
  display: inline-flex; align-items: baseline; gap: 0.35rem; padding: 0.15rem 0.55rem; border-radius: 999px;
  font-size: 0.8rem; background: var(--wl-surface); border: 1px solid color-mix(in srgb, var(--mark) 55%, var(--wl-border));
  --mark: var(--wl-accent);
}
.mark.poll { --mark: var(--wl-poll); }
.mark.longpoll { --mark: var(--wl-longpoll); }
.mark.sse { --mark: var(--wl-sse); }
.mark.ws { --mark: var(--wl-ws); }
.mark.socketio { --mark: var(--wl-socketio); }
.mark::before { content: ''; width: 0.55rem; height: 0.55rem; border-radius: 50%; background: var(--mark); align-self: center; }
.mark .name { font-weight: 600; }
.mark .value { font-variant-numeric: tabular-nums; }
.mark .gap { font-size: 0.72rem; color: var(--wl-muted); font-variant-numeric: tabular-nums; }
.mark.first { background: color-mix(in srgb, var(--mark) 16%, var(--wl-surface)); }
.mark.pending { opacity: 0.45; border-style: dashed; }
.empty { margin: 0.5rem 0 0; font-size: 0.9rem; }
.present { font-size: 0.8rem; font-weight: 600; border-radius: 999px; padding: 0.2rem 0.7rem; }
/* Presenting: the conversation alone, large enough for the back of a room. */
:host(:fullscreen) { background: var(--wl-bg); padding: 2rem 3rem; font-size: 1.5rem; overflow: auto; }
:host(:fullscreen) .rows { height: calc(100vh - 8rem); gap: 0.8rem; }
:host(:fullscreen) .rows > li { max-width: 70rem; padding: 0.8rem 1.1rem; }
:host(:fullscreen) .text { font-size: 1.6rem; }
:host(:fullscreen) .head { font-size: 1.1rem; }
:host(:fullscreen) .mark { font-size: 1.15rem; padding: 0.25rem 0.8rem; }
:host(:fullscreen) .mark .gap { font-size: 0.95rem; }
@container (max-width: 420px) {
  .mark { font-size: 0.74rem; padding: 0.12rem 0.45rem; }
  .text { font-size: 0.95rem; }
}
`
