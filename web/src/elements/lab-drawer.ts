import MarkdownIt from 'markdown-it'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { FigureReading } from '../labs/figures.ts'
import { type LabDoc, SECTIONS } from '../labs/lab-doc.ts'
import { type LabNotes, loadNotes, saveNotes } from '../labs/lab-notes.ts'
import { slideTitles, slideUrl } from '../labs/slide-titles.ts'
import { el, part } from './dom.ts'
import { LAB_DRAWER_CSS } from './lab-drawer.styles.ts'
import { BASE_CSS, sheet } from './styles.ts'

/** The server address the labs' commands are written for. */
const LABS_HOST = 'localhost:3000'

// html: false — a lab's Markdown can hold no markup of its own: all HTML below is markdown-it's
// output, whose text it escapes, and links whose scheme it validates.
const markdown = new MarkdownIt({ html: false, linkify: false })
const escapeHtml = markdown.utils.escapeHtml
markdown.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index]
  if (!token) return ''
  const kind = token.info.trim()
  const code = escapeHtml(token.content)
  if (kind === 'doctest') return ''
  if (kind === 'sh' || kind === 'js') {
    return `<div class="cmd"><pre><code>${code}</code></pre><button type="button" class="copy" data-copy></button></div>`
  }
  if (kind === 'text')
    return `<figure class="output"><figcaption data-expected></figcaption><pre>${code}</pre></figure>`
  return `<pre><code>${code}</code></pre>`
}

const TEMPLATE = `
<aside class="drawer" data-part="drawer">
  <header class="bar">
    <p class="eyebrow" data-part="eyebrow"></p>
    <div class="actions">
      <button type="button" data-part="export"></button>
      <button type="button" data-part="print"></button>
      <button type="button" class="close" data-part="close">×</button>
    </div>
  </header>
  <div class="scroll" data-part="scroll">
    <h1 data-part="title"></h1>
    <dl class="meta" data-part="meta"></dl>
    <label class="name"><span data-part="name-label"></span><input data-part="name" autocomplete="name"></label>
    <article class="lab" data-part="body"></article>
  </div>
</aside>`

export interface DrawerContext {
  /** The live figure a Record row names, or null while it is not measured. */
  readFigure(key: string): FigureReading | null
  /** The Markdown report and its file name, built from the notes. */
  exportReport(lab: LabDoc, notes: LabNotes): void
}

/**
 * `<wl-lab-drawer>`: a lab's text beside the live panels, in the page's language. Its Record
 * rows copy live figures from the page, its questions take answers, and both survive a reload.
 */
export class LabDrawer extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #lab: LabDoc | null = null
  #notes: LabNotes = { values: {}, answers: {}, name: '' }
  context: DrawerContext | null = null

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(LAB_DRAWER_CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'close').addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent('wl-lab-close', { bubbles: true, composed: true }))
    })
    part(this.#root, 'export').addEventListener('click', () => {
      if (this.#lab) this.context?.exportReport(this.#lab, this.#notes)
    })
    part(this.#root, 'print').addEventListener('click', () => window.print())
    part<HTMLInputElement>(this.#root, 'name').addEventListener('input', (event) => {
      this.#notes.name = (event.target as HTMLInputElement).value
      this.#save()
    })
  }

  get lab(): LabDoc | null {
    return this.#lab
  }

  get notes(): LabNotes {
    return this.#notes
  }

  show(lab: LabDoc): void {
    this.#lab = lab
    this.#notes = loadNotes(lab.id, storage())
    this.#render()
  }

  #render(): void {
    const lab = this.#lab
    if (!lab) return
    const t = i18n.texts.labs
    part(this.#root, 'eyebrow').textContent = fill(t.eyebrow, { id: lab.id.slice(0, 2) })
    part(this.#root, 'export').textContent = t.export
    part(this.#root, 'print').textContent = t.print
    part(this.#root, 'close').setAttribute('aria-label', t.close)
    part(this.#root, 'close').title = t.close
    part(this.#root, 'title').textContent = lab.front.title
    part(this.#root, 'name-label').textContent = t.yourName
    part<HTMLInputElement>(this.#root, 'name').value = this.#notes.name
    this.#renderMeta(lab)
    const body = part(this.#root, 'body')
    // The body's first heading repeats the title above.
    body.innerHTML = markdown.render(lab.body.replace(/^\s*# .*\n/, ''))
    for (const caption of body.querySelectorAll('[data-expected]')) caption.textContent = t.expected
    // The labs say localhost:3000; a class server elsewhere (a LAN address, another port) is here.
    // Not under Vite's dev server (it has import.meta.hot): its port is not the lab server's.
    const here = location.host
    if (!import.meta.hot && here !== LABS_HOST) {
      for (const pre of body.querySelectorAll('pre')) {
        const block = pre.querySelector('code') ?? pre
        block.textContent = (block.textContent ?? '').replaceAll(LABS_HOST, here)
      }
    }
    for (const button of body.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
      button.textContent = t.copyShort
      button.title = t.copy
      button.addEventListener('click', () => {
        const code = button.previousElementSibling?.textContent ?? ''
        void navigator.clipboard?.writeText(code.trim()).catch(() => {})
      })
    }
    for (const link of body.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const other = /^\.\.\/(\d\d-[a-z0-9-]+)\/lab\.[\w-]+\.md$/.exec(
        link.getAttribute('href') ?? '',
      )
      if (other) link.href = `?lab=${other[1]}`
      else {
        link.target = '_blank'
        link.rel = 'noopener'
      }
    }
    this.#enhanceRecord(lab, body)
    this.#enhanceQuestions(lab, body)
  }

  #renderMeta(lab: LabDoc): void {
    const t = i18n.texts.labs
    const meta = part(this.#root, 'meta')
    const row = (term: string, ...values: (string | Node)[]) => {
      const div = el('div')
      const dd = el('dd')
      dd.append(...values)
      div.append(el('dt', '', term), dd)
      return div
    }
    const objectives = el('ul')
    for (const objective of lab.front.objectives) objectives.append(el('li', '', objective.text))
    const links = (ids: string[], href: (id: string) => string) =>
      ids.flatMap((id, i) => {
        const link = el('a', '', id)
        link.href = href(id)
        return i === 0 ? [link] : [', ', link]
      })
    meta.replaceChildren(
      row(t.duration, lab.front.duration),
      row(t.objectives, objectives),
      ...(lab.front.prerequisites.length > 0
        ? [row(t.prerequisites, ...links(lab.front.prerequisites, (id) => `?lab=${id}`))]
        : []),
      ...(lab.front.exercises.length > 0
        ? [row(t.exercises, ...lab.front.exercises.map((id, i) => `${i ? ', ' : ''}${id}`))]
        : []),
    )
    if (lab.front.slides.length === 0) return
    const slides = row(t.slides, ...links(lab.front.slides, (id) => slideUrl(lab.language, id)))
    slides.dataset.slides = lab.front.slides.join(' ')
    for (const link of slides.querySelectorAll('a')) {
      link.target = '_blank'
      link.rel = 'noopener'
    }
    meta.append(slides)
    // The titles come with the deck, read only now; until then the links show the slides' ids.
    void slideTitles(lab.language).then((titles) => {
      for (const link of slides.querySelectorAll('a')) {
        const id = link.textContent ?? ''
        link.textContent = titles.get(id) ?? id
      }
    })
  }

  /** Each Record row gets a field; a row that names a live figure, a button that copies it. */
  #enhanceRecord(lab: LabDoc, body: HTMLElement): void {
    const table = sectionAfter(body, SECTIONS[lab.language].record, 'TABLE')
    if (!table) return
    const t = i18n.texts.labs
    for (const tr of table.querySelectorAll('tbody tr')) {
      const [idCell, , valueCell, figureCell] = tr.querySelectorAll('td')
      const row = lab.record.find((r) => r.id === idCell?.textContent?.trim())
      if (!row || !valueCell) continue
      tr.setAttribute('data-record', row.id)
      const input = el('input', 'value')
      input.value = this.#notes.values[row.id]?.value ?? ''
      input.setAttribute('aria-label', `${row.id}: ${row.what}`)
      const taken = el('small', 'taken muted')
      const showTaken = () => {
        const at = this.#notes.values[row.id]?.takenAt
        taken.textContent = at
          ? fill(t.takenAt, { time: new Date(at).toLocaleTimeString(i18n.locale) })
          : ''
      }
      input.addEventListener('input', () => {
        this.#notes.values[row.id] = { value: input.value }
        showTaken()
        this.#save()
      })
      valueCell.replaceChildren(input, taken)
      showTaken()
      if (row.figure && figureCell) {
        // The figure's name for people; the key stays in the tooltip and the report.
        figureCell.replaceChildren(el('span', 'figure', figureLabel(row.figure)))
        figureCell.title = row.figure
        const button = el('button', 'take', t.fromPage)
        button.type = 'button'
        button.dataset.figure = row.figure
        button.title = fill(t.fromPageHint, { figure: row.figure })
        button.addEventListener('click', () => {
          const reading = this.context?.readFigure(row.figure as string)
          if (!reading) {
            taken.textContent = t.notYet
            return
          }
          input.value = reading.display
          this.#notes.values[row.id] = {
            value: reading.display,
            takenAt: new Date().toISOString(),
            figure: row.figure as string,
          }
          showTaken()
          this.#save()
        })
        figureCell.append(' ', button)
      }
    }
  }

  /** A text area under each question. */
  #enhanceQuestions(lab: LabDoc, body: HTMLElement): void {
    const list = sectionAfter(body, SECTIONS[lab.language].questions, 'OL')
    if (!list) return
    list.querySelectorAll(':scope > li').forEach((item, index) => {
      const key = String(index + 1)
      const answer = el('textarea', 'answer')
      answer.rows = 3
      answer.placeholder = i18n.texts.labs.yourAnswer
      answer.dataset.question = key
      answer.value = this.#notes.answers[key] ?? ''
      answer.addEventListener('input', () => {
        this.#notes.answers[key] = answer.value
        this.#save()
      })
      item.append(answer)
    })
  }

  #save(): void {
    if (this.#lab) saveNotes(this.#lab.id, this.#notes, storage())
  }
}

/** `sse.bytesPerMessage` → "SSE · Bytes per message", in the page's language. */
function figureLabel(key: string): string {
  const [scope = '', name = ''] = key.split('.')
  const texts = i18n.texts
  const measure =
    (texts.labs.figures as Record<string, string>)[name] ??
    (texts.measures as unknown as Record<string, string>)[name] ??
    name
  const owner =
    scope === 'clock'
      ? texts.clock.offset
      : ((texts.transports as Record<string, { short: string }>)[scope]?.short ?? scope)
  return `${owner} · ${measure}`
}

/** The first element of `tag` after the h2 whose text is `heading`, before the next h2. */
function sectionAfter(body: HTMLElement, heading: string, tag: string): HTMLElement | null {
  const h2 = [...body.querySelectorAll('h2')].find((h) => h.textContent?.trim() === heading)
  for (
    let node = h2?.nextElementSibling;
    node && node.tagName !== 'H2';
    node = node.nextElementSibling
  ) {
    if (node.tagName === tag) return node as HTMLElement
  }
  return null
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}
