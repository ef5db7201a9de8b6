/**
 * The mermaid that draws the lab's sequence diagrams. The web build gives this file a mermaid
 * core without what only other diagram types use (web/vite-plugins/mermaid-sequence-only.ts);
 * everywhere else (the dev server, tests) it is all of mermaid.
 */
export { default } from 'mermaid'
