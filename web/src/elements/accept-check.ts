import { fill, type Texts } from '../i18n/index.ts'
import { WEBSOCKET_GUID, websocketAccept } from '../lib/ws-accept.ts'
import { el } from './dom.ts'

/** The key and accept a recorded handshake carries (null: the header is not there). */
export interface RecordedHandshake {
  key: string | null
  accept: string | null
}

/** This browser's own Sec-WebSocket-Accept for a key, or why it could not compute one. */
export type ComputedAccept = { key: string; accept: string } | { key: string; error: string }

export async function computeAccept(key: string): Promise<ComputedAccept> {
  try {
    return { key, accept: await websocketAccept(key) }
  } catch (error) {
    return { key, error: (error as Error).message }
  }
}

/**
 * Fills the check's rows and verdict: key, GUID, the browser's sum, the server's answer, and
 * whether they agree. `computed` is null (or for another key) while the digest is under way.
 */
export function renderAcceptCheck(
  rows: HTMLElement,
  verdict: HTMLElement,
  recorded: RecordedHandshake,
  computed: ComputedAccept | null,
  t: Texts['http'],
): void {
  const { key, accept } = recorded
  if (key === null || accept === null) {
    rows.replaceChildren()
    verdict.textContent = t.acceptMissing
    delete verdict.dataset.matches
    return
  }
  const mine = computed?.key === key ? computed : null
  const ownValue = !mine
    ? '…'
    : 'error' in mine
      ? fill(t.acceptFailed, { reason: mine.error })
      : mine.accept
  const pairs: [string, string, string][] = [
    [t.acceptKey, key, 'key'],
    [t.acceptGuid, WEBSOCKET_GUID, 'guid'],
    [t.acceptComputed, ownValue, 'computed'],
    [t.acceptRecorded, accept, 'recorded'],
  ]
  rows.replaceChildren(
    ...pairs.flatMap(([name, value, role]) => {
      const dd = el('dd', 'mono', value)
      dd.dataset.value = role
      return [el('dt', '', name), dd]
    }),
  )
  if (!mine || 'error' in mine) {
    verdict.textContent = ''
    delete verdict.dataset.matches
    return
  }
  const matches = mine.accept === accept
  verdict.dataset.matches = String(matches)
  verdict.textContent = matches ? `✓ ${t.acceptMatches}` : `✗ ${t.acceptDiffers}`
}
