import type { Context } from 'hono'
import type { Config } from '../config.ts'
import { ApiError } from '../http/errors.ts'
import { isOperator, requireOperator } from '../http/operator.ts'

/** A change a page asks for in its room's shared lab settings. */
export type RoomChange = { kind: 'ticker'; rate: number } | { kind: 'network' }

/**
 * Who may change a room's shared settings — the one place to decide it. In class mode, the
 * instructor only (the operator token): a student's page gets a 403. Otherwise any page of the
 * room (knowing the room's name is joining it), up to what the page offers; past that, a flood of
 * ticks, the operator token.
 */
export function authorizeRoomChange(
  c: Context,
  config: Pick<Config, 'tickerMaxForPages' | 'operatorToken' | 'classMode'>,
  change: RoomChange,
): void {
  const token = config.operatorToken ?? ''
  if (config.classMode) {
    if (isOperator(c, token)) return
    throw new ApiError(403, 'forbidden', 'in a class, the instructor sets the room’s settings')
  }
  if (change.kind === 'ticker' && change.rate > config.tickerMaxForPages) {
    requireOperator(c, token)
  }
}
