import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import { newClientMsgId } from '../lib/client-msg-id.ts'
import {
  counterLevel,
  type DraftProblem,
  draftProblem,
  TEXT_MAX_CHARS,
  USER_MAX_CHARS,
} from '../lib/draft.ts'
import { formatNumber } from '../lib/format.ts'
import { Outbox, type OutboxItem, type Sender } from '../lib/outbox.ts'
import { SEND_CHANNELS, type SendChannel } from '../lib/send-error.ts'
import { sendFailureText } from '../lib/send-failure-text.ts'
import { COMPOSER_CSS } from './composer.styles.ts'
import { el, part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

const USER_STORAGE_KEY = 'wirelab.user'

const TEMPLATE = `
<form data-part="form" novalidate>
  <label><span data-i18n="composer.name"></span>
    <input data-part="user" name="user" required maxlength="${USER_MAX_CHARS}" autocomplete="nickname" data-i18n-attr="placeholder:composer.namePlaceholder"></label>
  <div class="text">
    <div class="text-head"><label for="text" data-i18n="composer.text"></label>
      <span class="counter num" id="counter" data-part="counter" hidden></span></div>
    <input id="text" data-part="text" name="text" required autocomplete="off" enterkeyhint="send" aria-describedby="counter" data-i18n-attr="placeholder:composer.textPlaceholder">
  </div>
  <fieldset><legend data-i18n="composer.via"></legend><div class="choices">${SEND_CHANNELS.map(
    (t) =>
      `<label><input type="radio" name="transport" value="${t}"${t === 'ws' ? ' checked' : ''}><span data-i18n="composer.channels.${t}.name" data-i18n-attr="title:composer.channels.${t}.hint"></span></label>`,
  ).join('')}</div></fieldset>
  <button class="send" data-part="send" type="submit" data-i18n="composer.send"></button>
  <p class="notice" data-part="notice" role="alert" hidden></p>
  <p class="status muted" data-part="status" role="status"></p>
  <ol class="outbox" data-part="outbox" data-i18n-attr="aria-label:composer.outbox" hidden></ol>
</form>`

/** What the status line says; a function, so a language switch can say it again. */
interface Status {
  kind: 'sent' | 'error'
  text(): string
}

/**
 * `<wl-composer>`: name + text + transport. Enter queues the message in an ordered outbox and
 * clears the field at once; the outbox sends one message at a time through `sender`, which the
 * page sets, and shows what is still waiting, or why it stopped, with Retry and Discard.
 */
export class Composer extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #outbox = new Outbox({
    changed: () => this.#renderOutbox(),
    sent: (_request, seq) =>
      this.#setStatus({ kind: 'sent', text: () => fill(i18n.texts.composer.sent, { seq }) }),
  })
  #status: Status | null = null
  /** A class's student sends as its name only (the server refuses any other). */
  #fixedName: string | null = null
  #muted = false
  #rows = new Map<string, HTMLLIElement>()
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(COMPOSER_CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'form').addEventListener('submit', (event) => {
      event.preventDefault()
      this.#submit()
    })
    for (const field of [this.#user, this.#text]) {
      field.addEventListener('input', () => {
        if (field.getAttribute('aria-invalid') !== 'true') return
        field.removeAttribute('aria-invalid')
        this.#setStatus(null)
      })
    }
    this.#text.addEventListener('input', () => this.#renderCounter())
    part(this.#root, 'outbox').addEventListener('click', (event) => this.#onOutboxClick(event))
  }

  /** How a message reaches the server: `(request) => Promise<{ seq }>`, rejecting with a SendError. */
  set sender(sender: Sender | undefined) {
    this.#outbox.sender = sender
  }

  get sender(): Sender | undefined {
    return this.#outbox.sender
  }

  /** Sends as `name` from now on: the field shows it and cannot be edited. */
  fixName(name: string): void {
    this.#fixedName = name
    this.#user.value = name
    this.#user.readOnly = true
    this.#translate()
  }

  /** The instructor muted this student: the composer says so, and sends nothing. */
  set muted(muted: boolean) {
    this.#muted = muted
    this.#renderNotice()
  }

  get muted(): boolean {
    return this.#muted
  }

  connectedCallback(): void {
    this.#translate()
    this.#unsubscribe = i18n.subscribe(() => this.#translate())
    try {
      if (this.#fixedName === null)
        this.#user.value ||= localStorage.getItem(USER_STORAGE_KEY) ?? ''
    } catch {
      // Storage can be blocked: the name is then just not prefilled.
    }
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  get #user(): HTMLInputElement {
    return part<HTMLInputElement>(this.#root, 'user')
  }

  get #text(): HTMLInputElement {
    return part<HTMLInputElement>(this.#root, 'text')
  }

  #submit(): void {
    if (this.#muted) return
    const user = this.#fixedName ?? this.#user.value.trim()
    const text = this.#text.value
    const problem = draftProblem(user, text)
    if (problem) {
      this.#refuse(problem, text.length)
      return
    }
    try {
      if (this.#fixedName === null) localStorage.setItem(USER_STORAGE_KEY, user)
    } catch {
      // Only means the name is not prefilled next time.
    }
    const checked = this.#root.querySelector<HTMLInputElement>('input[name="transport"]:checked')
    const transport = (checked?.value ?? 'ws') as SendChannel
    // Cleared now, not when the send ends: the next message is typed while this one travels.
    this.#text.value = ''
    this.#renderCounter()
    this.#text.focus()
    this.#outbox.add({ transport, user, text, clientMsgId: newClientMsgId() })
  }

  #refuse(problem: DraftProblem, textLength: number): void {
    const field = problem === 'noName' || problem === 'nameTooLong' ? this.#user : this.#text
    field.setAttribute('aria-invalid', 'true')
    field.focus()
    this.#setStatus({
      kind: 'error',
      text: () =>
        fill(i18n.texts.composer[problem], {
          count: formatNumber(textLength, i18n.locale),
          max: formatNumber(
            problem === 'nameTooLong' ? USER_MAX_CHARS : TEXT_MAX_CHARS,
            i18n.locale,
          ),
        }),
    })
  }

  #onOutboxClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]')
    const id = button?.closest<HTMLElement>('li')?.dataset.clientMsgId
    if (!button || !id) return
    // The clicked button is about to leave with its row; the text field is where work goes on.
    this.#text.focus()
    if (button.dataset.action === 'retry') this.#outbox.retry(id)
    else this.#outbox.discard(id)
  }

  #setStatus(status: Status | null): void {
    this.#status = status
    this.#renderStatus()
  }

  #translate(): void {
    translateTree(this.#root, i18n)
    if (this.#fixedName !== null) {
      this.#user.title = fill(i18n.texts.classMode.nameFixed, { name: this.#fixedName })
    }
    this.#renderNotice()
    this.#renderStatus()
    this.#renderCounter()
    this.#renderOutbox()
  }

  #renderStatus(): void {
    const line = part(this.#root, 'status')
    line.dataset.kind = this.#status?.kind ?? ''
    line.textContent = this.#status?.text() ?? ''
  }

  #renderNotice(): void {
    const notice = part(this.#root, 'notice')
    notice.hidden = !this.#muted
    notice.textContent = this.#muted ? i18n.texts.classMode.muted : ''
    part<HTMLButtonElement>(this.#root, 'send').disabled = this.#muted
  }

  #renderCounter(): void {
    const counter = part(this.#root, 'counter')
    const length = this.#text.value.length
    const level = counterLevel(length)
    this.#text.dataset.level = level
    counter.dataset.level = level
    counter.hidden = level === 'hidden'
    const format = (n: number) => formatNumber(n, i18n.locale)
    const values = {
      count: format(length),
      max: format(TEXT_MAX_CHARS),
      excess: format(length - TEXT_MAX_CHARS),
    }
    const texts = i18n.texts.composer
    counter.textContent =
      level === 'hidden' ? '' : fill(level === 'over' ? texts.counterOver : texts.counter, values)
  }

  /** Rows are kept per message, so a row that did not change keeps its node (and its focus). */
  #renderOutbox(): void {
    const list = part(this.#root, 'outbox')
    const items = this.#outbox.items
    const ids = new Set(items.map((item) => item.request.clientMsgId))
    for (const [id, row] of this.#rows) {
      if (ids.has(id)) continue
      row.remove()
      this.#rows.delete(id)
    }
    items.forEach((item, index) => {
      const id = item.request.clientMsgId
      const row = this.#rows.get(id) ?? el('li')
      this.#rows.set(id, row)
      const rendered = `${item.state} ${i18n.language}`
      if (row.dataset.rendered !== rendered) {
        fillRow(row, item)
        row.dataset.rendered = rendered
      }
      if (list.children[index] !== row) list.insertBefore(row, list.children[index] ?? null)
    })
    list.hidden = items.length === 0
  }
}

function fillRow(row: HTMLLIElement, item: OutboxItem): void {
  const texts = i18n.texts.composer
  row.dataset.clientMsgId = item.request.clientMsgId
  row.dataset.state = item.state
  const body = el('span', 'body', item.request.text)
  body.title = item.request.text
  row.replaceChildren(el('span', 'via', texts.channels[item.request.transport].name), body)
  if (item.state !== 'failed') {
    row.append(el('span', 'state', item.state === 'sending' ? texts.sending : texts.queued))
    return
  }
  const { reason, detail } = sendFailureText(i18n.texts, item.error)
  const sentence = el('p', 'reason', fill(texts.failed, { reason }))
  sentence.setAttribute('role', 'alert')
  if (detail) sentence.title = detail
  const actions = el('span', 'actions')
  for (const action of ['retry', 'discard'] as const) {
    const button = el('button', undefined, texts[action])
    button.type = 'button'
    button.dataset.action = action
    actions.append(button)
  }
  row.append(sentence, actions)
}
