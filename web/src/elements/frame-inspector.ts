import { i18n } from '../i18n/current.ts'
import { translateTree } from '../i18n/dom.ts'
import { fill } from '../i18n/index.ts'
import type { FrameTransport } from '../lab-source.ts'
import { formatNumber } from '../lib/format.ts'
import { RingBuffer } from '../lib/ring-buffer.ts'
import { type DecodedFrame, splitFrames, toHex } from '../lib/ws-frame.ts'
import { bitsOf, frameSegments } from '../lib/ws-frame-layout.ts'
import { el, part, renderScheduler } from './dom.ts'
import { FRAME_INSPECTOR_CSS } from './frame-inspector.styles.ts'
import { BASE_CSS, sheet } from './styles.ts'

const MAX_FRAMES = 40
const MAX_HEX_BYTES = 96
const BYTES_PER_ROW = 8
const PREVIEW_CHARS = 300

const preview = (text: string) =>
  text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text

interface CapturedFrame {
  transport: FrameTransport
  direction: 'in' | 'out'
  at: number
  frame: DecodedFrame
}

const TEMPLATE = `
<p class="hint muted" data-i18n="frames.hint"></p>
<p class="empty muted" data-part="empty" data-i18n="frames.empty"></p>
<div class="layout" data-part="layout" hidden>
  <ol class="list" data-part="list" data-i18n-attr="aria-label:frames.list"></ol>
  <div class="detail">
    <div class="bits" data-part="bits" role="group" data-i18n-attr="aria-label:frames.bits"></div>
    <div class="hexfields">
      <div class="hex mono" data-part="hex"></div>
      <dl class="fields" data-part="fields"></dl>
    </div>
  </div>
</div>`

/** `<wl-frame-inspector>`: each WebSocket frame's raw bytes beside its decoded fields (RFC 6455 §5.2). */
export class FrameInspector extends HTMLElement {
  #root = this.attachShadow({ mode: 'open' })
  #frames = new RingBuffer<CapturedFrame>(MAX_FRAMES)
  /** Follows the newest frame until the learner picks one; picking it again follows again. */
  #pinned: CapturedFrame | null = null
  #unsubscribe: (() => void) | undefined

  constructor() {
    super()
    this.#root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(FRAME_INSPECTOR_CSS)]
    this.#root.innerHTML = TEMPLATE
  }

  connectedCallback(): void {
    this.#unsubscribe = i18n.subscribe(() => this.#render())
    this.#render()
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.()
  }

  /** Takes the bytes of one or more whole frames as they crossed the wire. */
  addFrames(
    direction: 'in' | 'out',
    bytes: Uint8Array,
    at: number,
    transport: FrameTransport = 'ws',
  ): void {
    for (const frame of splitFrames(bytes).frames) {
      this.#frames.push({ transport, direction, at, frame })
    }
    this.#renderSoon()
  }

  #renderSoon = renderScheduler(() => this.#render(), 250)

  #render(): void {
    translateTree(this.#root, i18n)
    const frames = this.#frames.toArray().reverse()
    part(this.#root, 'empty').hidden = frames.length > 0
    part(this.#root, 'layout').hidden = frames.length === 0
    if (frames.length === 0) return
    const selected =
      this.#pinned && frames.includes(this.#pinned) ? this.#pinned : (frames[0] as CapturedFrame)
    this.#renderList(frames, selected)
    this.#renderBits(selected.frame)
    this.#renderHex(selected.frame)
    this.#renderFields(selected)
  }

  #renderList(frames: CapturedFrame[], selected: CapturedFrame): void {
    const list = part(this.#root, 'list')
    list.replaceChildren(
      ...frames.map((captured) => {
        const button = el('button', captured === selected ? 'item selected' : 'item')
        button.append(
          el('span', `dir ${captured.direction}`, captured.direction === 'in' ? '↑' : '↓'),
          el('span', 'op', captured.frame.opcodeName),
          // Which connection, once there is more than one (the Socket.IO panel is on).
          ...(captured.transport === 'ws'
            ? []
            : [el('span', 'via muted', i18n.texts.transports[captured.transport].short)]),
          el(
            'span',
            'size num muted',
            `${formatNumber(captured.frame.totalLength, i18n.locale)} B`,
          ),
        )
        // Hovering an entry shows where it went and the start of its text, so a frame can be
        // found in the list without opening it while newer ones keep arriving.
        button.title = [
          `${i18n.texts.frames[captured.direction]} · ${fill(i18n.texts.frames.via, {
            transport: i18n.texts.transports[captured.transport].name,
          })}`,
          ...(captured.frame.text ? [preview(captured.frame.text)] : []),
        ].join('\n')
        // The frame's identity as data, for tests and for anyone reading the DOM.
        Object.assign(button.dataset, {
          transport: captured.transport,
          direction: captured.direction,
          opcode: String(captured.frame.opcode),
          masked: String(captured.frame.masked),
          hex: toHex(captured.frame.raw.subarray(0, 16)),
        })
        button.addEventListener('click', () => {
          // Any entry clicked stays shown while newer frames arrive (the newest too: a click must
          // not turn into following whatever comes next); clicking it again follows again.
          this.#pinned = captured === this.#pinned ? null : captured
          this.#render()
        })
        const item = el('li')
        item.append(button)
        return item
      }),
    )
  }

  #renderBits(frame: DecodedFrame): void {
    const first = bitsOf(frame.raw[0] as number).replace(' ', '')
    const second = bitsOf(frame.raw[1] as number).replace(' ', '')
    const cells: [string, string, string][] = [
      ['FIN', first.slice(0, 1), 'seg-fin-rsv-opcode'],
      ['RSV1', first.slice(1, 2), 'seg-fin-rsv-opcode'],
      ['RSV2', first.slice(2, 3), 'seg-fin-rsv-opcode'],
      ['RSV3', first.slice(3, 4), 'seg-fin-rsv-opcode'],
      ['opcode', first.slice(4), 'seg-fin-rsv-opcode'],
      ['MASK', second.slice(0, 1), 'seg-mask-length'],
      [i18n.texts.frames.payloadLength, second.slice(1), 'seg-mask-length'],
    ]
    part(this.#root, 'bits').replaceChildren(
      ...cells.map(([name, bits, segment]) => {
        const cell = el('div', `bitcell ${segment}`)
        // One grid column per bit, as in the RFC figure: the grid wraps after each byte on a phone.
        cell.style.gridColumn = `span ${bits.length}`
        cell.append(el('span', 'bitname', name), el('span', 'bitval mono', bits))
        return cell
      }),
    )
  }

  #renderHex(frame: DecodedFrame): void {
    const hex = part(this.#root, 'hex')
    const rows: HTMLElement[] = []
    const shown = Math.min(frame.raw.length, MAX_HEX_BYTES)
    const kindAt: string[] = []
    for (const segment of frameSegments(frame)) {
      for (let i = segment.start; i < segment.end && i < shown; i++) kindAt[i] = segment.kind
    }
    for (let rowStart = 0; rowStart < shown; rowStart += BYTES_PER_ROW) {
      const row = el('div', 'row')
      row.append(el('span', 'offset muted', rowStart.toString(16).padStart(4, '0')))
      for (let i = rowStart; i < Math.min(rowStart + BYTES_PER_ROW, shown); i++) {
        row.append(el('span', `byte seg-${kindAt[i]}`, toHex(frame.raw.subarray(i, i + 1))))
      }
      rows.push(row)
    }
    if (frame.raw.length > shown) {
      rows.push(
        el('div', 'more muted', `… +${formatNumber(frame.raw.length - shown, i18n.locale)} B`),
      )
    }
    hex.replaceChildren(...rows)
  }

  #renderFields({ direction, frame }: CapturedFrame): void {
    const t = i18n.texts.frames
    const bytes = (n: number) => fill(t.bytes, { count: formatNumber(n, i18n.locale) })
    const rows: [string, string, string?][] = [
      [t.direction, t[direction]],
      [t.fin, frame.fin ? '1' : '0', 'seg-fin-rsv-opcode'],
      [
        t.rsv,
        [frame.rsv1, frame.rsv2, frame.rsv3].map((b) => (b ? '1' : '0')).join(' '),
        'seg-fin-rsv-opcode',
      ],
      [t.opcode, `0x${frame.opcode.toString(16)} · ${frame.opcodeName}`, 'seg-fin-rsv-opcode'],
      [t.mask, frame.masked ? '1' : '0', 'seg-mask-length'],
      [
        t.payloadLength,
        `${bytes(frame.payloadLength)} · ${fill(t.lengthForm, { form: t.lengthForms[frame.payloadLengthForm] })}`,
        frame.payloadLengthForm === '7-bit' ? 'seg-mask-length' : 'seg-extended-length',
      ],
    ]
    if (frame.maskingKey) rows.push([t.maskingKey, toHex(frame.maskingKey), 'seg-masking-key'])
    if (frame.close)
      rows.push([t.closeCode, `${frame.close.code} ${frame.close.reason}`.trim(), 'seg-payload'])
    if (frame.payloadLength > 0) {
      const shown = frame.text ?? toHex(frame.payload.subarray(0, 48))
      rows.push([frame.masked ? t.unmaskedPayload : t.payload, shown, 'seg-payload'])
    }
    rows.push([t.header, bytes(frame.headerLength)], [t.total, bytes(frame.totalLength)])
    for (const violation of frame.violations) rows.push(['⚠', t.violations[violation]])

    part(this.#root, 'fields').replaceChildren(
      ...rows.map(([name, value, segment]) => {
        const row = el('div', 'field')
        const term = el('dt', segment ? `chip ${segment}` : '', name)
        // Payload text is user content: textContent only, via el().
        row.append(
          term,
          el(
            'dd',
            name === t.payload || name === t.unmaskedPayload ? 'payload mono' : 'mono',
            value,
          ),
        )
        return row
      }),
    )
  }
}
