import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import {
  type ExchangeEvent,
  type ExchangeLog,
  TRANSPORTS,
  type Transport,
} from '../lib/exchange.ts'
import { formatNumber } from '../lib/format.ts'
import { type HeadPair, lastHeads, showLineEnds } from '../lib/http-heads.ts'
import { lastUpgrade } from '../lib/ws-handshake.ts'
import {
  type ComputedAccept,
  computeAccept,
  type RecordedHandshake,
  renderAcceptCheck,
} from './accept-check.ts'
import { el, part } from './dom.ts'
import { HTTP_INSPECTOR_CSS } from './http-inspector.styles.ts'
import { BASE_CSS, sheet } from './styles.ts'

const REFRESH_MS = 2_000

/** What the selected tab shows: a head pair, or why there is none. */
type Shown =
  /** Not loaded yet (it loads while on screen): saying "no exchange yet" would be a guess. */
  | { state: 'unknown' }
  | { state: 'none' }
  /** The WebSocket upgrade fell out of the server's log, which keeps the last `keeps` events. */
  | { state: 'trimmed'; keeps: number }
  | { state: 'found'; heads: HeadPair; handshake: RecordedHandshake | null }

const TEMPLATE = `
<p class="hint muted" data-i18n="http.hint"></p>
<div class="tabs" data-part="tabs">${TRANSPORTS.map(
  (t) => `<button type="button" data-transport="${t}" data-i18n="transports.${t}.name"></button>`,
).join('')}</div>
<p class="empty muted" data-part="empty" data-i18n="http.empty"></p>
<section class="steps" data-part="steps" hidden>
  <h3 data-i18n="http.engineSteps"></h3>
  <p class="hint muted" data-i18n="http.engineStepsHint"></p>
  <ol class="mono" data-part="step-list"></ol>
</section>
<p class="trimmed" data-part="trimmed" hidden></p>
<div data-part="found" hidden>
  <p class="wrapped muted" data-i18n="http.wrapped"></p>
  <div class="heads">
    <section><h3 data-i18n="http.request"></h3><pre data-part="request"></pre><p class="size" data-part="request-size"></p></section>
    <section><h3 data-i18n="http.response"></h3><pre data-part="response"></pre><p class="size" data-part="response-size"></p></section>
  </div>
  <section class="accept" data-part="accept" hidden>
    <h3 data-i18n="http.acceptTitle"></h3>
    <p class="hint muted" data-i18n="http.acceptHint"></p>
    <dl data-part="accept-rows"></dl>
    <p class="verdict" data-part="accept-verdict" role="status"></p>
  </section>
</div>`

/**
 * `<wl-http-inspector>`: the last request and response heads of a transport, byte for byte; for
 * WebSocket the upgrade and its `101`, with the Sec-WebSocket-Accept worked out again here.
 */
export class HttpInspector extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #transport: Transport = 'poll'
  #shown: Shown = { state: 'unknown' }
  /** Socket.IO's tab: each request of its log, the Engine.IO polling before the upgrade. */
  #steps: string[] = []
  #computed: ComputedAccept | null = null
  #timer: ReturnType<typeof setInterval> | undefined
  #unsubscribe: (() => void) | undefined
  /** Where the exchanges come from (the page's source). */
  load: ((transport: Transport) => Promise<ExchangeLog>) | null = null

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(HTTP_INSPECTOR_CSS)]
    this.#root.innerHTML = TEMPLATE
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('.tabs button')) {
      button.addEventListener('click', () => this.show(button.dataset.transport as Transport))
    }
  }

  /** Shows the last heads of `transport` (its tab). */
  show(transport: Transport): void {
    this.#transport = transport
    this.#shown = { state: 'unknown' }
    this.#render()
    void this.refresh()
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    // A whole exchange log every 2 s is heavy: only while the inspector is on screen.
    this.#visibility.observe(this)
    this.#timer = setInterval(() => {
      if (this.#onScreen && document.visibilityState === 'visible') void this.refresh()
    }, REFRESH_MS)
    this.#render()
  }

  disconnectedCallback(): void {
    clearInterval(this.#timer)
    this.#visibility.disconnect()
    this.#unsubscribe?.()
  }

  #onScreen = false
  #visibility = new IntersectionObserver((entries) => {
    const wasOnScreen = this.#onScreen
    this.#onScreen = entries.some((entry) => entry.isIntersecting)
    if (this.#onScreen && !wasOnScreen) void this.refresh()
  })

  async refresh(): Promise<void> {
    if (!this.load) return
    const transport = this.#transport
    // A server that does not answer leaves the last heads on screen; the page's banner says why.
    const log = await this.load(transport).catch(() => null)
    if (!log) return
    if (transport !== this.#transport) return
    this.#shown =
      transport === 'ws'
        ? upgradeShown(log)
        : transport === 'socketio'
          ? upgradeShown({ ...log, events: engineUpgrade(log.events) })
          : headsShown(lastHeads(log.events))
    this.#steps = transport === 'socketio' ? requestLines(log.events) : []
    this.#render()
    const key = this.#shown.state === 'found' ? this.#shown.handshake?.key : null
    if (key && this.#computed?.key !== key) {
      this.#computed = await computeAccept(key)
      this.#render()
    }
  }

  #render(): void {
    translateTree(this.#root, i18n)
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('.tabs button')) {
      button.setAttribute('aria-pressed', String(button.dataset.transport === this.#transport))
    }
    const shown = this.#shown
    const locale = i18n.locale
    const t = i18n.texts.http
    part(this.#root, 'empty').hidden = shown.state !== 'none'
    part(this.#root, 'trimmed').hidden = shown.state !== 'trimmed'
    part(this.#root, 'found').hidden = shown.state !== 'found'
    part(this.#root, 'steps').hidden = this.#steps.length === 0
    part(this.#root, 'step-list').replaceChildren(...this.#steps.map((line) => el('li', '', line)))
    if (shown.state === 'trimmed') {
      part(this.#root, 'trimmed').textContent = fill(t.upgradeTrimmed, {
        count: formatNumber(shown.keeps, locale),
      })
    }
    if (shown.state !== 'found') return
    const { heads, handshake } = shown
    const sizeLine = (head: string, bytes: number) =>
      `${fill(t.headBytes, { count: formatNumber(new TextEncoder().encode(head).length, locale) })} · ${fill(t.wireBytes, { count: formatNumber(bytes, locale) })}`
    showHead(part(this.#root, 'request'), heads.request.head)
    part(this.#root, 'request-size').textContent = sizeLine(heads.request.head, heads.request.bytes)
    const response = heads.response
    if (response) showHead(part(this.#root, 'response'), response.head)
    else part(this.#root, 'response').replaceChildren(el('span', 'muted', t.waiting))
    part(this.#root, 'response-size').textContent = response
      ? sizeLine(response.head, response.bytes)
      : ''
    part(this.#root, 'accept').hidden = handshake === null
    if (handshake) {
      const rows = part(this.#root, 'accept-rows')
      renderAcceptCheck(rows, part(this.#root, 'accept-verdict'), handshake, this.#computed, t)
    }
  }
}

/** The last requests of a log, one line each: `GET /socket.io/?EIO=4&transport=polling → 200 · 96 B`. */
function requestLines(events: readonly ExchangeEvent[], count = 12): string[] {
  const lines: string[] = []
  for (const event of events) {
    if (event.kind !== 'request') continue
    const response = events.find((other) => other.kind === 'response' && other.id === event.id)
    const answer =
      response?.kind === 'response' ? `${response.status} · ${event.bytes + response.bytes} B` : '…'
    lines.push(`${event.method} ${event.target} → ${answer}`)
  }
  return lines.slice(-count)
}

/**
 * The events of Socket.IO's last WebSocket upgrade: Engine.IO keeps polling while it probes the
 * new socket, so the newest request is not always the upgrade.
 */
function engineUpgrade<T extends ExchangeEvent>(events: readonly T[]): T[] {
  const upgrade = events.findLast(
    (event) => event.kind === 'request' && event.target.includes('transport=websocket'),
  )
  return upgrade ? events.filter((event) => event.id === upgrade.id) : [...events]
}

function headsShown(heads: HeadPair | null): Shown {
  return heads ? { state: 'found', heads, handshake: null } : { state: 'none' }
}

function upgradeShown(log: ExchangeLog): Shown {
  const lookup = lastUpgrade(log.events)
  if (lookup.state === 'none') return lookup
  if (lookup.state === 'trimmed') return { state: 'trimmed', keeps: log.keeps }
  const { heads, key, accept } = lookup
  return { state: 'found', heads, handshake: { key, accept } }
}

/**
 * One block per line, each keeping its `\n`: the text stays the head byte for byte (copy, tests),
 * and on a phone each line can wrap on its own, its continuations marked.
 */
function showHead(pre: HTMLElement, head: string): void {
  const lines = showLineEnds(head).split('\n')
  pre.replaceChildren(
    ...lines.map((line, i) => el('span', 'line', i < lines.length - 1 ? `${line}\n` : line)),
  )
}
