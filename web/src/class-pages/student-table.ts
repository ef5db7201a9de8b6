import type { ClassLive, LiveStudent } from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { el } from '../elements/dom.ts'
import { fill } from '../i18n/index.ts'
import { formatCount, formatInterval, NO_FIGURE } from './figures.ts'
import type { ClassTexts } from './texts.ts'

/** Asks the server to mute or unmute a student; resolves when it answered. */
export type MuteStudent = (name: string, muted: boolean) => Promise<void>

interface StudentRow {
  row: HTMLTableRowElement
  name: HTMLElement
  badges: HTMLElement
  pages: HTMLElement
  lastReport: HTMLElement
  transports: Map<Transport, HTMLElement>
  mute: HTMLButtonElement
}

/**
 * The students of the class, one row each, updated in place every second: a row (and its mute
 * button) stays the same node, so a click is never lost to a redraw between press and release.
 */
export class StudentTable {
  #root: HTMLElement
  #muteStudent: MuteStudent
  #rows = new Map<string, StudentRow>()
  #columns = ''
  #body: HTMLTableSectionElement | null = null
  #failure = el('p', 'feedback failed')
  #texts: ClassTexts | null = null

  constructor(root: HTMLElement, muteStudent: MuteStudent) {
    this.#root = root
    this.#muteStudent = muteStudent
  }

  update(live: ClassLive, transports: Transport[], texts: ClassTexts, locale: string): void {
    this.#texts = texts
    const columns = `${transports.join()}|${locale}`
    if (columns !== this.#columns || !this.#body) this.#rebuild(transports, texts, columns)
    const body = this.#body as HTMLTableSectionElement
    const students = [...live.students].sort((a, b) => a.name.localeCompare(b.name, locale))
    const behind = new Set(live.behind)
    for (const name of this.#rows.keys()) {
      if (!students.some((student) => student.name === name)) {
        this.#rows.get(name)?.row.remove()
        this.#rows.delete(name)
      }
    }
    students.forEach((student, index) => {
      const row = this.#rows.get(student.name) ?? this.#addRow(student.name, transports)
      fillRow(row, student, behind.has(student.name), texts, locale)
      if (body.rows[index] !== row.row) body.insertBefore(row.row, body.rows[index] ?? null)
    })
    const empty = this.#root.querySelector<HTMLElement>('.empty')
    if (empty) empty.hidden = students.length > 0
  }

  #rebuild(transports: Transport[], texts: ClassTexts, columns: string): void {
    const words = texts.dashboard.students
    const table = el('table', 'figures students-table')
    const head = table.createTHead().insertRow()
    const column = (text: string, className?: string) => {
      const cell = el('th', className, text)
      cell.scope = 'col'
      head.append(cell)
      return cell
    }
    column(words.name)
    column(words.pages, 'num')
    column(words.lastReport, 'num')
    for (const transport of transports) {
      const cell = column(texts.transports[transport], 'transport')
      cell.title = words.lagTitle
      cell.style.setProperty('--transport-color', `var(--wl-${transport})`)
    }
    column(words.actions)
    this.#body = table.createTBody()
    this.#rows.clear()
    this.#columns = columns
    const scroller = el('div', 'table-scroll')
    scroller.append(table)
    this.#failure.setAttribute('role', 'alert')
    this.#root.replaceChildren(scroller, el('p', 'empty muted', words.empty), this.#failure)
  }

  #addRow(name: string, transports: Transport[]): StudentRow {
    const row = el('tr')
    row.dataset.student = name
    const nameCell = el('th')
    nameCell.scope = 'row'
    const nameText = el('span', 'student-name', name)
    const badges = el('span', 'badges')
    nameCell.append(nameText, badges)
    const pages = el('td', 'num')
    const lastReport = el('td', 'num')
    row.append(nameCell, pages, lastReport)
    const cells = new Map<Transport, HTMLElement>()
    for (const transport of transports) {
      const cell = el('td', 'state')
      cell.dataset.transport = transport
      cells.set(transport, cell)
      row.append(cell)
    }
    const mute = el('button', 'mute')
    mute.type = 'button'
    mute.addEventListener('click', async () => {
      mute.disabled = true
      try {
        await this.#muteStudent(name, mute.dataset.muted !== 'true')
        this.#failure.textContent = ''
      } catch (error) {
        // The server's own sentence, e.g. a student who has left the class meanwhile.
        const message = error instanceof Error ? error.message : String(error)
        this.#failure.textContent = this.#texts
          ? fill(this.#texts.dashboard.failed, { message })
          : message
      } finally {
        mute.disabled = false
      }
    })
    const muteCell = el('td')
    muteCell.append(mute)
    row.append(muteCell)
    const entry = { row, name: nameText, badges, pages, lastReport, transports: cells, mute }
    this.#rows.set(name, entry)
    return entry
  }
}

function fillRow(
  row: StudentRow,
  student: LiveStudent,
  behind: boolean,
  texts: ClassTexts,
  locale: string,
): void {
  const words = texts.dashboard.students
  row.row.classList.toggle('behind', behind)
  row.row.classList.toggle('muted-student', student.muted)
  row.badges.replaceChildren(
    ...(behind ? [el('span', 'badge behind', words.behind)] : []),
    ...(student.muted ? [el('span', 'badge muted', words.muted)] : []),
  )
  row.pages.textContent = formatCount(student.pages, locale)
  // -1: joined, but no page of this student has reported yet.
  row.lastReport.textContent =
    student.lastReportMs < 0 ? NO_FIGURE : formatInterval(student.lastReportMs, locale)
  for (const [transport, cell] of row.transports) {
    const figures = student.transports[transport]
    cell.dataset.state = figures?.state ?? ''
    cell.textContent = figures
      ? `${texts.states[figures.state]} · ${formatCount(figures.lag, locale)}`
      : NO_FIGURE
  }
  const action = student.muted ? words.unmute : words.mute
  row.mute.textContent = action
  row.mute.dataset.muted = String(student.muted)
  row.mute.setAttribute('aria-label', fill(words.muteLabel, { action, name: student.name }))
}
