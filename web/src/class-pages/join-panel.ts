import { el } from '../elements/dom.ts'
import { fill } from '../i18n/index.ts'
import type { ClassTexts } from './texts.ts'

/** `GET /api/class/info`: what students need to join. */
export interface ClassInfo {
  code: string
  joinUrls: string[]
  qrSvg: string
}

/**
 * The panel the instructor projects: the QR code of the first join URL, that URL, and the code in
 * large letters; full screen on demand. The QR code is drawn as an image: an SVG in an <img> runs
 * no script, whatever it holds.
 */
export function renderJoinPanel(root: HTMLElement, info: ClassInfo, texts: ClassTexts): void {
  const words = texts.dashboard.joinPanel
  const [first = `${location.origin}/join?code=${info.code}`, ...others] = info.joinUrls
  const fullScreen = el('button', 'full-screen')
  fullScreen.type = 'button'
  fullScreen.textContent =
    document.fullscreenElement === root ? words.leaveFullScreen : words.fullScreen
  fullScreen.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen()
    else void root.requestFullscreen()
  })
  const head = el('div', 'card-head')
  head.append(el('h2', undefined, words.heading), fullScreen)

  const qr = el('img', 'qr')
  qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(info.qrSvg)}`
  qr.alt = fill(words.qrAlt, { url: first })
  const where = el('div', 'join-where')
  where.append(
    el('p', 'muted', words.openAt),
    el('p', 'join-url', withoutQuery(first)),
    el('p', 'code-label muted', words.code),
    el('p', 'join-code', info.code),
  )
  if (others.length > 0) {
    const more = el('details', 'other-urls')
    const list = el('ul')
    for (const url of others) list.append(el('li', 'mono', url))
    more.append(el('summary', undefined, words.otherUrls), list)
    where.append(more)
  }
  const body = el('div', 'join-body')
  body.append(qr, where)
  root.replaceChildren(head, body)
}

/** The address to type: the code is shown apart, in letters large enough to read from the back. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return url
  }
}
