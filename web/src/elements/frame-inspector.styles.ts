export const FRAME_INSPECTOR_CSS = `
:host { display: block; }
.hint { margin: 0 0 0.75rem; font-size: 0.88rem; }
.empty { font-size: 0.88rem; }
.layout { display: grid; grid-template-columns: minmax(9rem, 12rem) 1fr; gap: 1rem; }
@media (max-width: 700px) { .layout { grid-template-columns: 1fr; } .list { max-height: 9rem; } }
.list {
  list-style: none; margin: 0; padding: 0; max-height: 22rem; overflow-y: auto;
  display: flex; flex-direction: column; gap: 0.25rem;
}
.item {
  width: 100%; display: flex; gap: 0.45rem; align-items: baseline; text-align: left;
  padding: 0.3rem 0.5rem; font-size: 0.82rem; background: var(--wl-surface-2); border-color: transparent;
}
.item.selected { border-color: var(--wl-ws); background: color-mix(in srgb, var(--wl-ws) 12%, var(--wl-surface)); }
.dir { font-weight: 700; width: 1em; }
.dir.in { color: var(--wl-longpoll); }
.dir.out { color: var(--wl-ws); }
.op { font-weight: 600; }
.size { margin-left: auto; }
.detail { min-width: 0; display: flex; flex-direction: column; gap: 0.85rem; container-type: inline-size; }
/* One column per bit, the 1px gaps drawn as lines. Sixteen columns need about 2.4rem each for
   "RSV1" and "MASK"; narrower, the two bytes stack, eight bits a row, and every name stays whole. */
.bits {
  display: grid; grid-template-columns: repeat(16, minmax(0, 1fr)); gap: 1px; max-width: 40rem;
  background: var(--wl-border); border: 1px solid var(--wl-border); border-radius: 10px; overflow: hidden;
}
@container (max-width: 38rem) { .bits { grid-template-columns: repeat(8, minmax(0, 1fr)); max-width: 24rem; } }
.bitcell {
  display: flex; flex-direction: column; align-items: center; justify-content: space-between;
  padding: 0.3rem 0.1rem; min-width: 0;
}
.bitname {
  font-size: 0.66rem; line-height: 1.2; color: var(--wl-muted); text-align: center; max-width: 100%;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.bitval { font-size: 0.9rem; font-weight: 600; letter-spacing: 0.08em; }
.hexfields { display: grid; grid-template-columns: auto 1fr; gap: 1.25rem; align-items: start; }
@media (max-width: 900px) { .hexfields { grid-template-columns: 1fr; } }
.hex { font-size: 0.85rem; line-height: 1.7; }
.row { display: flex; gap: 0.3rem; }
.offset { margin-right: 0.4rem; }
.byte { padding: 0 0.2rem; border-radius: 4px; }
.more { font-size: 0.8rem; }
.fields { margin: 0; display: grid; gap: 0.2rem; font-size: 0.85rem; min-width: 0; }
.field { display: grid; grid-template-columns: 10.5rem 1fr; gap: 0.75rem; align-items: baseline; }
.field dt { color: var(--wl-muted); border-radius: 4px; padding: 0 0.3rem; justify-self: start; }
.field dt.chip { color: var(--wl-text); }
.field dd { margin: 0; overflow-wrap: anywhere; }
.payload { white-space: pre-wrap; }
.seg-fin-rsv-opcode { background: var(--wl-seg-flags); }
.seg-mask-length { background: var(--wl-seg-length); }
.seg-extended-length { background: var(--wl-seg-extended); }
.seg-masking-key { background: var(--wl-seg-key); }
.seg-payload { background: var(--wl-seg-payload); }
`
