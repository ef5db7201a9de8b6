import type { ClassResult } from '../class/class-result.ts'
import { Composer } from './composer.ts'
import { ConversationView } from './conversation-view.ts'
import { FrameInspector } from './frame-inspector.ts'
import { HttpInspector } from './http-inspector.ts'
import { LabControlsElement } from './lab-controls.ts'
import type { LabDrawer } from './lab-drawer.ts'
import { LatencyCharts } from './latency-charts.ts'
import { SequenceDiagramView } from './sequence-diagram-view.ts'
import { adoptTokens } from './styles.ts'
import { SummaryTable } from './summary-table.ts'
import { TransportPanel } from './transport-panel.ts'

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['wl-latency-charts', LatencyCharts],
  ['wl-sequence-diagram', SequenceDiagramView],
  ['wl-transport-panel', TransportPanel],
  ['wl-frame-inspector', FrameInspector],
  ['wl-http-inspector', HttpInspector],
  ['wl-summary-table', SummaryTable],
  ['wl-composer', Composer],
  ['wl-lab-controls', LabControlsElement],
  ['wl-conversation', ConversationView],
]

/**
 * Registers every wirelab element once; safe to call from a slide deck and from the page. The lab
 * drawer is not among them: it and its Markdown parser load only with a lab (labs/lab-page.ts).
 */
export function defineElements(): void {
  adoptTokens()
  for (const [name, elementClass] of ELEMENTS) {
    if (!customElements.get(name)) customElements.define(name, elementClass)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wl-transport-panel': TransportPanel
    'wl-latency-charts': LatencyCharts
    'wl-sequence-diagram': SequenceDiagramView
    'wl-frame-inspector': FrameInspector
    'wl-http-inspector': HttpInspector
    'wl-summary-table': SummaryTable
    'wl-composer': Composer
    'wl-lab-controls': LabControlsElement
    'wl-conversation': ConversationView
    'wl-lab-drawer': LabDrawer
    'wl-class-result': ClassResult
  }
}
