let renderCount = 0

/**
 * Draws every ```mermaid block of the deck as an SVG (real text, not pictures), before reveal.js
 * lays the slides out. `again`: redraw after a theme switch. A diagram that fails keeps its text
 * and says why in `data-error`, so a broken one is seen, never silently blank.
 */
export async function drawDiagrams(
  root: ParentNode,
  dark: boolean,
  options: { again?: boolean } = {},
): Promise<void> {
  const figures = [...root.querySelectorAll<HTMLElement>('[data-mermaid]')]
  if (figures.length === 0) return
  const { default: mermaid } = await import('mermaid')
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'default',
    fontFamily: 'system-ui, sans-serif',
    themeVariables: { fontSize: '22px' },
    sequence: {
      mirrorActors: false,
      actorFontSize: 22,
      messageFontSize: 22,
      noteFontSize: 20,
      actorMargin: 90,
      messageMargin: 34,
      boxMargin: 8,
      useMaxWidth: true,
    },
    flowchart: { useMaxWidth: true, htmlLabels: false },
  })
  for (const figure of figures) {
    const source = figure.dataset.source ?? figure.textContent ?? ''
    if (figure.dataset.drawn && !options.again) continue
    figure.dataset.source = source
    try {
      const { svg } = await mermaid.render(`deck-diagram-${++renderCount}`, source)
      // mermaid's own output for the deck's text, sanitized by securityLevel 'strict'.
      figure.innerHTML = svg
      // mermaid caps the SVG at its natural width; a slide lets it grow (deck.css).
      figure.querySelector('svg')?.style.removeProperty('max-width')
      figure.dataset.drawn = 'true'
      delete figure.dataset.error
    } catch (error) {
      figure.textContent = source
      figure.dataset.error = (error as Error).message
    }
  }
}
