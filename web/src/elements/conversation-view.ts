import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill, fillCount } from '../i18n/index.ts'
import type { ChatMessage } from '../lib/chat-message.ts'
import { Conversation, type ConversationEntry, type ConversationRow } from '../lib/conversation.ts'
import type { Delivery } from '../lib/delivery.ts'
import { TRANSPORTS, type Transport } from '../lib/exchange.ts'
import { formatMs } from '../lib/format.ts'
import { CONVERSATION_CSS } from './conversation-view.styles.ts'
import { deliveryLabel } from './delivery-label.ts'
import { el, part, renderScheduler } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

/** The rows drawn; older ones stay in the model (and the export) but leave the screen. */
const MAX_ROWS = 80

const TEMPLATE = `
<div class="bar">
  <p class="hint muted" data-i18n="conversation.hint"></p>
  <label class="toggle"><input type="checkbox" data-part="show-ticker"><span data-i18n="conversation.showTicker"></span></label>
  <button type="button" class="present" data-part="present" data-i18n="conversation.present" data-i18n-attr="title:conversation.presentHint"></button>
</div>
<ol class="rows" data-part="rows" aria-live="off"></ol>
<p class="empty muted" data-part="empty" data-i18n="conversation.empty"></p>`

/**
 * `<wl-conversation>`: the room as one chat. Each message shows the four transports arriving as a
 * small race, fastest first: the same message four times, side by side, is the page's lesson.
 */
export class ConversationView extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #conversation = new Conversation()
  #paused = new Set<Transport>()
  /** What is on screen per row key, and at which version, so unchanged rows are not redrawn. */
  #drawn = new Map<string, { node: HTMLElement; version: string }>()
  #unsubscribe: (() => void) | undefined
  /** The sender's own clientMsgIds: their rows are marked "you". */
  #own = new Set<string>()

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CONVERSATION_CSS)]
    this.#root.innerHTML = TEMPLATE
    part(this.#root, 'show-ticker').addEventListener('change', () => this.#redrawAll())
    // On a projector, the race fills the screen (Esc leaves it).
    part(this.#root, 'present').addEventListener('click', () => {
      if (document.fullscreenElement === this) void document.exitFullscreen()
      else void this.requestFullscreen().catch(() => {})
    })
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#redrawAll())
    this.#redrawAll()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  addHistory(epoch: string, messages: readonly ChatMessage[]): void {
    this.#conversation.addHistory(epoch, messages)
    this.#drawSoon()
  }

  addArrival(
    transport: Transport,
    epoch: string,
    message: ChatMessage,
    delivery: Delivery,
    arrivedAt: number,
  ) {
    this.#conversation.arrive(transport, epoch, message, delivery, arrivedAt)
    this.#drawSoon()
  }

  /** The instructor cleared the class's room: messages up to `seq` leave the screen. */
  clearUpTo(seq: number): void {
    this.#conversation.clearUpTo(seq)
    this.#drawSoon()
  }

  /** A message this page sent: shown as "you" when it comes back. */
  noteOwn(clientMsgId: string): void {
    this.#own.add(clientMsgId)
  }

  setPaused(transport: Transport, paused: boolean): void {
    if (paused) this.#paused.add(transport)
    else this.#paused.delete(transport)
    this.#redrawAll()
  }

  /** Every message this page has seen, with its race, for the export. */
  entries(): ConversationEntry[] {
    return this.#conversation.entries()
  }

  #drawSoon = renderScheduler(() => this.#draw(), 250)

  #redrawAll(): void {
    translateTree(this.#root, i18n)
    this.#drawn.clear()
    part(this.#root, 'rows').replaceChildren()
    this.#draw()
  }

  #draw(): void {
    const list = part(this.#root, 'rows')
    const showTicker = part<HTMLInputElement>(this.#root, 'show-ticker').checked
    const rows = this.#conversation.rows(showTicker).slice(-MAX_ROWS)
    const stuckToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40
    const nodes = rows.map((row) => {
      const version =
        row.kind === 'ticks'
          ? `${row.count}:${row.newest.message.seq}:${row.newest.version}:${this.#paused.size}`
          : row.kind === 'message'
            ? `${row.entry.version}:${this.#paused.size}`
            : 'restart'
      const drawn = this.#drawn.get(row.key)
      if (drawn?.version === version) return drawn.node
      const node = this.#row(row)
      this.#drawn.set(row.key, { node, version })
      return node
    })
    const keep = new Set(rows.map((row) => row.key))
    for (const key of this.#drawn.keys()) if (!keep.has(key)) this.#drawn.delete(key)
    list.replaceChildren(...nodes)
    part(this.#root, 'empty').hidden = rows.length > 0
    // Follow the newest message, unless the reader scrolled up to read.
    if (stuckToBottom) list.scrollTop = list.scrollHeight
  }

  #row(row: ConversationRow): HTMLElement {
    const t = i18n.texts.conversation
    if (row.kind === 'restart') return el('li', 'restart', t.restarted)
    if (row.kind === 'ticks') {
      const item = el('li', 'ticks')
      item.dataset.seq = String(row.newest.message.seq)
      // Loaded with the history, the newest ran no race in front of this page: none to show.
      const earlier = row.newest.fromHistory
      const head = el('div', 'head')
      head.append(
        el('span', 'user', t.ticker),
        el(
          'span',
          'muted num',
          fillCount(earlier ? t.tickRunEarlier : t.tickRun, row.count, i18n.locale, {
            first: row.firstSeq,
            last: row.newest.message.seq,
          }),
        ),
      )
      item.append(head)
      if (!earlier) item.append(this.#race(row.newest))
      return item
    }
    const { message } = row.entry
    const own = message.clientMsgId !== undefined && this.#own.has(message.clientMsgId)
    const item = el(
      'li',
      `${message.kind}${own ? ' own' : ''}${row.entry.fromHistory ? ' history' : ''}`,
    )
    item.dataset.seq = String(message.seq)
    const head = el('div', 'head')
    head.append(el('span', 'user', message.user))
    if (own) head.append(el('span', 'you', t.you))
    head.append(el('span', 'seq muted num', `#${message.seq}`))
    item.append(head, el('p', 'text', message.text))
    if (!row.entry.fromHistory) item.append(this.#race(row.entry))
    return item
  }

  /** The marks in arrival order, then the transports still on their way. */
  #race(entry: ConversationEntry): HTMLElement {
    const race = el('ol', 'race')
    const names = i18n.texts.transports
    const first = entry.marks[0]
    entry.marks.forEach((mark, index) => {
      const label = deliveryLabel(mark.delivery)
      const chip = el('li', `mark ${mark.transport}${index === 0 ? ' first' : ''}`)
      chip.dataset.transport = mark.transport
      chip.dataset.kind = label.kind
      chip.title = `${names[mark.transport].name}: ${label.title}`
      chip.append(
        el('span', 'name', names[mark.transport].short),
        el('span', 'value num', label.text),
      )
      if (first && index > 0) {
        // How much later than the winner, on this page's own clock: exact, whatever the ± says.
        const behind = formatMs(mark.arrivedAt - first.arrivedAt, i18n.locale)
        const gap = el('span', 'gap num', `+${behind}`)
        gap.title = fill(i18n.texts.conversation.behind, { ms: behind })
        chip.append(gap)
      }
      race.append(chip)
    })
    for (const transport of TRANSPORTS) {
      if (entry.marks.some((mark) => mark.transport === transport)) continue
      const paused = this.#paused.has(transport)
      const chip = el('li', `mark ${transport} pending`)
      chip.dataset.transport = transport
      chip.append(
        el('span', 'name', names[transport].short),
        el('span', 'value', paused ? i18n.texts.states.paused : '…'),
      )
      race.append(chip)
    }
    return race
  }
}
