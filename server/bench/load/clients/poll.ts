import { batchLoop } from './batch-loop.ts'
import type { ClientContext, LoadClient } from './client.ts'

/** Short polling: `GET /api/poll` every --poll-interval ms, with the `since`/`epoch` cursor. */
export const openPoll = (context: ClientContext): LoadClient =>
  batchLoop(context, '/api/poll', '', () => context.pollIntervalMs)
