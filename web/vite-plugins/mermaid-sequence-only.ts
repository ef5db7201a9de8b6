import { readFile } from 'node:fs/promises'
import type { Plugin } from 'vite'

/**
 * What mermaid's core imports only to hand it on (`mermaid.registerLayoutLoaders`, the layout
 * helpers it re-exports): the shape, edge and cluster renderers, the dagre graph, roughjs, marked
 * and iconify behind them. Flowcharts, class and state diagrams import those renderers themselves,
 * lazily, with their own chunk; a sequence diagram draws with its own code and never calls them.
 */
const HANDED_ON = [
  'registerLayoutLoaders',
  'registerIconPacks',
  'clearLayoutRenderState',
  'createCommonLayoutRenderer',
  'defaultMeasureLayout',
  'paintLayoutData',
]

const SUFFIX = '?sequence-only'
const NAMED_IMPORT = /^import \{([^}]*)\} from "(\.\/chunks\/[^"]+)";\n/gm
const BARE_IMPORT = /^import "\.\/chunks\/[^"]+";\n/gm

/**
 * `import 'mermaid'` from one of `importers` gets a variant of mermaid's core without the imports
 * in HANDED_ON (calling one of those throws): a sequence diagram then loads 13 files, not 23, and
 * a third fewer bytes. Every other import of `mermaid` (another entry, the slides) still gets all
 * of it; both share the same config, diagram and renderer modules. A bundler cannot drop these
 * imports by itself: the `mermaid` object holds registerLayoutLoaders and registerIconPacks, and
 * mermaid declares no `sideEffects: false` for the bare ones. Dev (`vite serve`) gets all of it.
 */
export function mermaidSequenceOnly(importers: string[]): Plugin {
  return {
    name: 'wirelab:mermaid-sequence-only',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer) return null
      if (importer.endsWith(SUFFIX)) {
        return this.resolve(source, importer.slice(0, -SUFFIX.length), { skipSelf: true })
      }
      if (source !== 'mermaid' || !importers.includes(importer)) return null
      const core = await this.resolve(source, importer, { skipSelf: true })
      return core && `${core.id}${SUFFIX}`
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null
      const core = id.slice(0, -SUFFIX.length)
      return { code: sequenceOnlyCore(await readFile(core, 'utf8'), core), moduleType: 'js' }
    },
  }
}

/**
 * mermaid.core.mjs with the HANDED_ON imports turned into stubs, and its bare `import "./chunk"`
 * lines dropped: esbuild writes those only to keep an evaluation order; every chunk imports what
 * it uses itself.
 */
export function sequenceOnlyCore(code: string, path: string): string {
  const stubbed: string[] = []
  const lean = code.replace(BARE_IMPORT, '').replace(NAMED_IMPORT, (statement, list: string) => {
    const names = list
      .split(',')
      .map((entry) => entry.trim().split(/\s+as\s+/))
      .flatMap(([name, local = name]) => (name ? [{ name, local }] : []))
    const handedOn = names.filter(({ name }) => HANDED_ON.includes(name))
    if (handedOn.length === 0) return statement
    if (handedOn.length < names.length) {
      throw new Error(`${path} imports ${list.trim()} from one chunk; only part is handed on`)
    }
    stubbed.push(...names.map(({ name }) => name))
    return names
      .map(({ name, local }) => `const ${local} = notInSequenceOnly(${JSON.stringify(name)});\n`)
      .join('')
  })
  // Fail the build rather than load all of mermaid again unnoticed after an upgrade.
  const missing = HANDED_ON.filter((name) => !stubbed.includes(name))
  if (missing.length > 0) {
    throw new Error(`${path} no longer imports ${missing.join(', ')}: update HANDED_ON`)
  }
  return `${lean}
function notInSequenceOnly(name) {
  return () => {
    throw new Error(\`mermaid.\${name} is not in the lab's sequence-diagram build of mermaid\`)
  }
}
`
}
