import { batchLoop } from './batch-loop.ts'
import type { ClientContext, LoadClient } from './client.ts'

/**
 * Long polling: `GET /api/longpoll` again as soon as the last one answered. The first asks with
 * `timeout=0` (an answer at once) so that the client is known to reach the server.
 */
export const openLongPoll = (context: ClientContext): LoadClient =>
  batchLoop(context, '/api/longpoll', '&timeout=0', () => 0)
