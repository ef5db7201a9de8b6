import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import type { ExchangeLog, Transport } from '../lib/exchange.ts'
import { formatNumber } from '../lib/format.ts'
import { type HeadPair, lastHeads, showLineEnds } from '../lib/http-heads.ts'
import { el, part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

type HttpTransport = Exclude<Transport, 'ws'>
const HTTP_TRANSPORTS: HttpTransport[] = ['poll', 'longpoll', 'sse']
const REFRESH_MS = 2_000

const CSS = `
:host { display: block; }
.tabs { display: flex; gap: 0.4rem; margin-bottom: 0.6rem; }
.tabs button[aria-pressed='true'] { background: var(--wl-accent); color: var(--wl-surface); border-color: var(--wl-accent); }
.heads { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.8rem; }
h3 { margin: 0 0 0.3rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--wl-muted); }
pre { margin: 0; padding: 0.6rem; background: var(--wl-surface-2); border-radius: 8px; overflow-x: auto;
  font-size: 0.78rem; line-height: 1.45; white-space: pre; }
.size { font-size: 0.76rem; color: var(--wl-muted); margin: 0.25rem 0 0; }
`

const TEMPLATE = `
<p class="hint muted" data-i18n="http.hint"></p>
<div class="tabs" data-part="tabs">${HTTP_TRANSPORTS.map(
  (t) => `<button type="button" data-transport="${t}" data-i18n="transports.${t}.name"></button>`,
).join('')}</div>
<p class="empty muted" data-part="empty" data-i18n="http.empty"></p>
<div class="heads" data-part="heads" hidden>
  <section><h3 data-i18n="http.request"></h3><pre data-part="request"></pre><p class="size" data-part="request-size"></p></section>
  <section><h3 data-i18n="http.response"></h3><pre data-part="response"></pre><p class="size" data-part="response-size"></p></section>
</div>`

/** `<wl-http-inspector>`: the last request and response heads of an HTTP transport, byte for byte. */
export class HttpInspector extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #transport: HttpTransport = 'poll'
  #heads: HeadPair | null = null
  #timer: ReturnType<typeof setInterval> | undefined
  #unsubscribe: (() => void) | undefined
  /** Where the exchanges come from (the page's source). */
  load: ((transport: Transport) => Promise<ExchangeLog>) | null = null

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('.tabs button')) {
      button.addEventListener('click', () => {
        this.#transport = button.dataset.transport as HttpTransport
        void this.refresh()
      })
    }
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh()
    }, REFRESH_MS)
    this.#render()
  }

  disconnectedCallback(): void {
    clearInterval(this.#timer)
    this.#unsubscribe?.()
  }

  async refresh(): Promise<void> {
    if (!this.load) return
    const transport = this.#transport
    const log = await this.load(transport)
    if (transport !== this.#transport) return
    this.#heads = lastHeads(log.events)
    this.#render()
  }

  #render(): void {
    translateTree(this.#root, i18n)
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>('.tabs button')) {
      button.setAttribute('aria-pressed', String(button.dataset.transport === this.#transport))
    }
    const heads = this.#heads
    part(this.#root, 'empty').hidden = heads !== null
    part(this.#root, 'heads').hidden = heads === null
    if (!heads) return
    const locale = i18n.locale
    const t = i18n.texts.http
    const sizeLine = (head: string, bytes: number) =>
      `${fill(t.headBytes, { count: formatNumber(new TextEncoder().encode(head).length, locale) })} · ${fill(t.wireBytes, { count: formatNumber(bytes, locale) })}`
    part(this.#root, 'request').textContent = showLineEnds(heads.request.head)
    part(this.#root, 'request-size').textContent = sizeLine(heads.request.head, heads.request.bytes)
    const response = heads.response
    part(this.#root, 'response').replaceChildren(
      response
        ? document.createTextNode(showLineEnds(response.head))
        : el('span', 'muted', t.waiting),
    )
    part(this.#root, 'response-size').textContent = response
      ? sizeLine(response.head, response.bytes)
      : ''
  }
}
