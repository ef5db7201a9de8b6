import type { Context } from 'hono'
import type { Config } from '../config.ts'
import { requireOperator } from '../http/operator.ts'

/** A change a page asks for in its room's shared lab settings. */
export type RoomChange = { kind: 'ticker'; rate: number } | { kind: 'network' }

/**
 * Who may change a room's shared settings — the one place to decide it (class mode will add an
 * instructor's role here). Today: any page of the room (knowing the room's name is joining it), up
 * to what the page offers; past that, a flood of ticks, the operator token.
 */
export function authorizeRoomChange(
  c: Context,
  config: Pick<Config, 'tickerMaxForPages' | 'operatorToken'>,
  change: RoomChange,
): void {
  if (change.kind === 'ticker' && change.rate > config.tickerMaxForPages) {
    requireOperator(c, config.operatorToken ?? '')
  }
}
