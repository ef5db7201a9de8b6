import MarkdownIt from 'markdown-it'
import type { Deck } from './deck.ts'

// The deck is ours, so HTML in it is trusted: it places the live views and the frame figure.
const markdown = new MarkdownIt({ html: true, typographer: false })
const escapeHtml = markdown.utils.escapeHtml

markdown.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index]
  if (!token) return ''
  const language = token.info.trim()
  // Drawn by mermaid when the deck starts (main.ts); until then, and if it fails, the text shows.
  if (language === 'mermaid')
    return `<div class="diagram" data-mermaid>${escapeHtml(token.content)}</div>`
  return `<pre><code${language ? ` data-lang="${escapeHtml(language)}"` : ''}>${escapeHtml(token.content)}</code></pre>`
}

// Links leave the deck: a new tab, so the presentation keeps its place.
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet('target', '_blank')
  tokens[index]?.attrSet('rel', 'noopener')
  return self.renderToken(tokens, index, options)
}

/** The deck's slides as reveal.js sections, each with its speaker notes in an `<aside>`. */
export function renderDeck(deck: Deck): string {
  return deck.slides
    .map((slide) => {
      const classes = slide.classes.length > 0 ? ` class="${slide.classes.join(' ')}"` : ''
      // The body carries the slide's padding: reveal.js's print view zeroes a section's own.
      return `<section id="${slide.id}" data-slide="${slide.id}"${classes}>
<div class="slide-body">${markdown.render(slide.content)}</div>
<aside class="notes">${markdown.render(notePerParagraph(slide.notes))}</aside>
</section>`
    })
    .join('\n')
}

/** Each labelled part of the notes (`**Say:** …`) its own paragraph in the speaker view. */
const notePerParagraph = (notes: string) => notes.replace(/\n(?=\*\*[^*\n]+:\*\*)/g, '\n\n')
