import type { ExchangeEvent, ExchangeLog } from './exchange.ts'
import { formatBytes, formatNumber } from './format.ts'
import { opcodeName } from './ws-frame.ts'

/** Words the diagram shows; `{count}` and `{seconds}` are filled in. */
export interface DiagramLabels {
  browser: string
  server: string
  messages: string
  closedByClient: string
  closedByServer: string
  masked: string
  /** An SSE comment line (`: ping`), which no `onmessage` ever sees. */
  comment: string
  gap: string
  earlierEvents: string
}

export const ENGLISH_DIAGRAM_LABELS: DiagramLabels = {
  browser: 'Browser',
  server: 'Server',
  messages: '{count} msg',
  closedByClient: 'closed by the browser',
  closedByServer: 'closed by the server',
  masked: 'masked',
  comment: 'comment',
  gap: '… {seconds} s …',
  earlierEvents: '{count} earlier events not shown',
}

export interface DiagramOptions {
  /** Only the last `maxEvents` events are drawn: mermaid slows down and the slide overflows. */
  maxEvents?: number
  /** A pause at least this long between two events becomes a note. */
  gapThresholdMs?: number
  maxLabelChars?: number
  labels?: DiagramLabels
  locale?: string
}

const SAFE_CHARACTER = /[A-Za-z0-9 .,_/?=()+*']/

/**
 * Makes any text safe inside a mermaid message or note: line breaks become spaces and every
 * character outside a small safe set becomes a mermaid entity code (`#59;` for `;`), so user
 * content can never end a statement (`;`, newline), open a comment (`#`, `%%`), fake an arrow
 * (`-->`) or smuggle markup (`<br>`). Mermaid turns the codes back into characters when drawing.
 */
export function escapeMermaidText(text: string): string {
  let out = ''
  for (const character of text.replace(/\r\n|\r|\n/g, ' ')) {
    out += SAFE_CHARACTER.test(character) ? character : `#${character.codePointAt(0)};`
  }
  return out
}

function truncate(text: string, maxChars: number): string {
  const characters = Array.from(text)
  return characters.length <= maxChars ? text : `${characters.slice(0, maxChars - 1).join('')}…`
}

/** Drops the `client` parameter: it is the same on every line and only adds noise. */
export function shortenTarget(target: string, maxChars: number): string {
  const [path = '', query] = target.split('?', 2)
  const kept = (query ?? '').split('&').filter((pair) => pair !== '' && !pair.startsWith('client='))
  return truncate(kept.length > 0 ? `${path}?${kept.join('&')}` : path, maxChars)
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}

/** Turns the exchanges the server really saw into mermaid `sequenceDiagram` text. */
export function buildSequenceDiagram(log: ExchangeLog, options: DiagramOptions = {}): string {
  const {
    maxEvents = 40,
    gapThresholdMs = 1000,
    maxLabelChars = 48,
    labels = ENGLISH_DIAGRAM_LABELS,
    locale = 'en',
  } = options
  const sorted = [...log.events].sort((a, b) => a.at - b.at)
  const shown = sorted.slice(-maxEvents)
  const lines = [
    'sequenceDiagram',
    `  participant B as ${escapeMermaidText(labels.browser)}`,
    `  participant S as ${escapeMermaidText(labels.server)}`,
  ]
  const note = (text: string) => lines.push(`  Note over B,S: ${escapeMermaidText(text)}`)
  const hidden = sorted.length - shown.length
  if (hidden > 0) note(fill(labels.earlierEvents, { count: formatNumber(hidden, locale) }))

  const bytes = (n: number) => formatBytes(n, locale)
  const label = (...parts: string[]) => escapeMermaidText(parts.join(' · '))
  const held = new Set<number>()
  let previousAt: number | undefined
  for (const event of shown) {
    if (previousAt !== undefined && event.at - previousAt >= gapThresholdMs) {
      note(fill(labels.gap, { seconds: formatNumber((event.at - previousAt) / 1000, locale, 1) }))
    }
    previousAt = event.at
    lines.push(`  ${drawEvent(event)}`)
  }
  return lines.join('\n')

  function drawEvent(event: ExchangeEvent): string {
    switch (event.kind) {
      case 'request': {
        // A long poll is the server holding the request: drawn as an activation bar on S.
        const holds = log.transport === 'longpoll'
        if (holds) held.add(event.id)
        const text = `${event.method} ${shortenTarget(event.target, maxLabelChars)}`
        return `B->>${holds ? '+' : ''}S: ${label(text, bytes(event.bytes))}`
      }
      case 'response': {
        const releases = held.delete(event.id)
        const parts = [String(event.status)]
        if (event.status !== 101) {
          parts.push(fill(labels.messages, { count: formatNumber(event.messages, locale) }))
        }
        parts.push(bytes(event.bytes))
        return `S-->>${releases ? '-' : ''}B: ${label(...parts)}`
      }
      case 'sse-event': {
        const comment = event.event.startsWith(':')
        const parts = [comment ? `${event.event} (${labels.comment})` : `event ${event.event}`]
        if (event.eventId !== undefined) parts.push(`id ${event.eventId}`)
        return `S-)B: ${label(...parts, bytes(event.bytes))}`
      }
      case 'ws-frame': {
        const parts: string[] = [opcodeName(event.opcode)]
        if (!event.fin) parts.push('FIN=0')
        if (event.masked) parts.push(labels.masked)
        parts.push(bytes(event.bytes))
        if (event.preview) parts.push(`“${truncate(event.preview, 24)}”`)
        return `${event.direction === 'in' ? 'B-)S' : 'S-)B'}: ${label(...parts)}`
      }
      case 'closed': {
        const release = held.delete(event.id) ? '  deactivate S\n  ' : ''
        return event.by === 'client'
          ? `${release}B-xS: ${label(labels.closedByClient)}`
          : `${release}S-xB: ${label(labels.closedByServer)}`
      }
    }
  }
}
