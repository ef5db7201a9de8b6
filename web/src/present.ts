import type { HttpInspector } from './elements/http-inspector.ts'

/**
 * `/?present=…`: the page reduced to one part, the way a slide of the lecture embeds it live
 * (slides/src/live-view.ts): the four transports racing, the frame inspector, the WebSocket
 * handshake as it happened, the side-by-side table.
 */
export const PRESENT_VIEWS = ['race', 'frames', 'handshake', 'table'] as const
export type PresentView = (typeof PRESENT_VIEWS)[number]

/** The view `?present=` asks for; an unknown one shows the whole page. */
export function presentView(params: URLSearchParams): PresentView | null {
  const asked = params.get('present')
  return PRESENT_VIEWS.find((view) => view === asked) ?? null
}

/** Marks the page for the view's CSS (page-styles.ts) and opens what the view is about. */
export function present(view: PresentView | null, root: Document): void {
  if (!view) {
    delete root.documentElement.dataset.present
    return
  }
  root.documentElement.dataset.present = view
  if (view === 'handshake') root.querySelector<HttpInspector>('wl-http-inspector')?.show('ws')
}
