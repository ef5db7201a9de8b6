/** A client has stopped reading when it takes nothing of what was sent for this long. */
export const STALLED_MS = 10_000

/** What the wait needs of a connection: the bytes sent but not yet taken, and whether it is open. */
export interface Outbox {
  pendingBytes(): number
  isOpen(): boolean
}

/**
 * Resolves with true once the client has taken enough of what was sent (pending ≤ `bytes`), or
 * with false when it has taken nothing for STALLED_MS: a client that stopped reading.
 */
export async function roomToSend(outbox: Outbox, bytes: number): Promise<boolean> {
  let last = outbox.pendingBytes()
  let stillSince = Date.now()
  while (outbox.isOpen() && outbox.pendingBytes() > bytes) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    const pending = outbox.pendingBytes()
    if (pending < last) stillSince = Date.now()
    else if (Date.now() - stillSince > STALLED_MS) return false
    last = pending
  }
  return true
}
