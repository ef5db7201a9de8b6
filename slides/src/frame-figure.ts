import { DECK_TEXTS, type DeckTexts, FRAME_FIELDS, type FrameField } from './texts.ts'

/** One cell of the figure: a field, how many bits of the row it takes, and what it says. */
type Cell = [field: FrameField, bits: number, label?: 'rsv1' | 'rsv2' | 'rsv3' | 'continued']

/** RFC 6455 §5.2's figure, row by row, 32 bits a row. */
const ROWS: Cell[][] = [
  [
    ['fin', 1],
    ['rsv', 1, 'rsv1'],
    ['rsv', 1, 'rsv2'],
    ['rsv', 1, 'rsv3'],
    ['opcode', 4],
    ['mask', 1],
    ['length', 7],
    ['extended', 16],
  ],
  [['extended', 32, 'continued']],
  [
    ['extended', 16, 'continued'],
    ['key', 16],
  ],
  [
    ['key', 16, 'continued'],
    ['payload', 16],
  ],
  [['payload', 32, 'continued']],
]

/**
 * `<wl-frame-figure steps>`: the WebSocket frame as a table whose fields can be pointed
 * at (mouse, keyboard, or the presenter's next-fragment key with `steps`): the field lights up
 * everywhere it spans and its meaning shows below.
 */
export class FrameFigure extends HTMLElement {
  #texts: DeckTexts = DECK_TEXTS.en
  #caption: HTMLElement | null = null

  connectedCallback(): void {
    // The deck's language, set on <html> before any slide is made.
    this.#texts = DECK_TEXTS[document.documentElement.lang === 'pt-BR' ? 'pt-BR' : 'en']
    const t = this.#texts.frame
    // Two header rows, as in the RFC: the tens, then the units of each bit's number.
    const tens = [10, 10, 10, 2].map((span, i) => `<th colspan="${span}">${i}</th>`).join('')
    const bits = Array.from({ length: 32 }, (_, i) => `<th>${i % 10}</th>`).join('')
    const rows = ROWS.map((row) => `<tr>${row.map((cell) => this.#cell(cell)).join('')}</tr>`)
    const steps = this.hasAttribute('steps')
      ? FRAME_FIELDS.map((f) => `<span class="fragment frame-step" data-frame-field="${f}"></span>`)
      : []
    this.innerHTML = `<table class="frame-table">
<caption>${t.caption}</caption>
<thead><tr>${tens}</tr><tr>${bits}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
<p class="frame-explain" aria-live="polite">${t.hint}</p>${steps.join('')}`
    this.#caption = this.querySelector('.frame-explain')
    for (const cell of this.querySelectorAll<HTMLElement>('td[data-field]')) {
      const field = cell.dataset.field as FrameField
      cell.addEventListener('pointerenter', () => this.select(field))
      cell.addEventListener('focus', () => this.select(field))
      cell.addEventListener('click', () => this.select(field))
    }
  }

  /** Lights up `field` (null: none) and explains it. */
  select(field: FrameField | null): void {
    for (const cell of this.querySelectorAll<HTMLElement>('td[data-field]')) {
      cell.classList.toggle('on', cell.dataset.field === field)
    }
    this.dataset.selected = field ?? ''
    if (!this.#caption) return
    if (field === null) {
      this.#caption.textContent = this.#texts.frame.hint
      return
    }
    const { name, size, meaning } = this.#texts.frame.fields[field]
    this.#caption.innerHTML = `<b>${name}</b> · ${size} — ${meaning}`
  }

  #cell([field, bits, label]: Cell): string {
    const { name, size } = this.#texts.frame.fields[field]
    const text =
      label === 'continued'
        ? `${name} …`
        : label
          ? label.toUpperCase()
          : bits >= 4
            ? `${name} (${size.replaceAll(' ', '\u00a0')})` // "(7 bits)" never splits
            : name
    return `<td colspan="${bits}" data-field="${field}" tabindex="0">${text}</td>`
  }
}
