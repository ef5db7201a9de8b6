import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { TRANSPORTS, type Transport } from '../lib/exchange.ts'
import { part } from './dom.ts'
import { BASE_CSS, sheet } from './styles.ts'

export interface SendRequest {
  transport: Transport
  user: string
  text: string
}

const USER_STORAGE_KEY = 'wirelab.user'

const CSS = `
:host { display: block; }
form { display: grid; grid-template-columns: minmax(7rem, 11rem) 1fr auto auto; gap: 0.6rem; align-items: end; }
@media (max-width: 900px) {
  form { grid-template-columns: 1fr auto; }
  .text, fieldset { grid-column: 1 / -1; }
  .text { order: -1; }
  fieldset { order: 1; }
  .status { order: 2; }
}
@media (max-width: 420px) { .choices span { padding: 0.45rem 0.3rem; } }
label { min-width: 0; display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.75rem; font-weight: 600; color: var(--wl-muted); }
input {
  border: 1px solid var(--wl-border); background: var(--wl-surface-2); border-radius: 10px;
  padding: 0.55rem 0.7rem; font-size: 0.95rem; color: var(--wl-text); min-width: 0; width: 100%;
}
fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
legend { font-size: 0.75rem; font-weight: 600; color: var(--wl-muted); padding: 0; margin-bottom: 0.25rem; }
.choices { display: flex; background: var(--wl-surface-2); border: 1px solid var(--wl-border); border-radius: 10px; padding: 2px; }
.choices label { flex: 1 0 auto; }
.choices input { position: absolute; opacity: 0; pointer-events: none; width: 1px; }
.choices span {
  display: block; text-align: center; padding: 0.45rem 0.6rem; border-radius: 8px; cursor: pointer;
  font-size: 0.85rem; color: var(--wl-text); font-weight: 600; white-space: nowrap;
}
.choices input:checked + span { background: var(--wl-surface); box-shadow: var(--wl-shadow); color: var(--wl-accent); }
.choices input:focus-visible + span { outline: 2px solid var(--wl-accent); }
.send {
  background: var(--wl-accent); color: #fff; border: none; padding: 0.6rem 1.2rem; border-radius: 10px;
  font-weight: 700; font-size: 0.95rem;
}
:host-context([data-theme='dark']) .send { color: #0d1117; }
.send:disabled { opacity: 0.6; cursor: progress; }
.status { grid-column: 1 / -1; margin: 0; font-size: 0.8rem; min-height: 1.2em; }
.status[data-kind='error'] { color: var(--wl-bad); }
`

const SHORT_NAMES: Record<Transport, string> = {
  poll: 'Poll',
  longpoll: 'Long poll',
  sse: 'SSE',
  ws: 'WS',
}

const TEMPLATE = `
<form data-part="form">
  <label><span data-i18n="composer.name"></span>
    <input data-part="user" name="user" required maxlength="32" autocomplete="nickname" data-i18n-attr="placeholder:composer.namePlaceholder"></label>
  <label class="text"><span data-i18n="composer.text"></span>
    <input data-part="text" name="text" required maxlength="2000" autocomplete="off" data-i18n-attr="placeholder:composer.textPlaceholder"></label>
  <fieldset><legend data-i18n="composer.via"></legend><div class="choices">${TRANSPORTS.map(
    (t) =>
      `<label><input type="radio" name="transport" value="${t}"${t === 'ws' ? ' checked' : ''}><span>${SHORT_NAMES[t]}</span></label>`,
  ).join('')}</div></fieldset>
  <button class="send" data-part="send" type="submit" data-i18n="composer.send"></button>
  <p class="status muted" data-part="status" role="status"></p>
</form>`

/** `<wl-composer>`: name + text + transport; emits `wl-send` with a SendRequest and shows the outcome. */
export class Composer extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(CSS)]
    this.#root.innerHTML = TEMPLATE
    const form = part<HTMLFormElement>(this.#root, 'form')
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const data = new FormData(form)
      const request: SendRequest = {
        transport: (data.get('transport') as Transport | null) ?? 'ws',
        user: String(data.get('user') ?? '').trim(),
        text: String(data.get('text') ?? ''),
      }
      if (!request.user || !request.text.trim()) return
      try {
        localStorage.setItem(USER_STORAGE_KEY, request.user)
      } catch {
        // Only means the name is not prefilled next time.
      }
      this.dispatchEvent(
        new CustomEvent<SendRequest>('wl-send', { detail: request, bubbles: true, composed: true }),
      )
    })
  }

  connectedCallback(): void {
    translateTree(this.#root, i18n)
    this.#unsubscribe = i18n.subscribe(() => translateTree(this.#root, i18n))
    try {
      part<HTMLInputElement>(this.#root, 'user').value =
        localStorage.getItem(USER_STORAGE_KEY) ?? ''
    } catch {
      // See the submit handler.
    }
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  /** `sending` disables the button; `sent` clears the text; `error` keeps it for another try. */
  setStatus(kind: 'sending' | 'sent' | 'error', message: string): void {
    part<HTMLButtonElement>(this.#root, 'send').disabled = kind === 'sending'
    const status = part(this.#root, 'status')
    status.dataset.kind = kind
    status.textContent = message
    if (kind === 'sent') {
      const text = part<HTMLInputElement>(this.#root, 'text')
      text.value = ''
      text.focus()
    }
  }
}
