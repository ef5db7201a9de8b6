import type { Batch } from '../../../src/protocol.ts'
import {
  type ClientContext,
  CONNECT_TIMEOUT_MS,
  type LoadClient,
  roomQuery,
  sleep,
  within,
} from './client.ts'
import { KeepAliveGet } from './keep-alive-get.ts'

const LIMIT = 500

/**
 * The loop both polling clients run: GET a Batch after the cursor (`since`, `epoch`), hand its
 * messages to the subscriber, move the cursor, wait `pauseMs` (0 for long polling: the server
 * holds the request instead), again. The first request is the ready check.
 */
export function batchLoop(
  context: ClientContext,
  path: string,
  firstQuery: string,
  pauseMs: () => number,
): LoadClient {
  let since = 0
  let epoch: string | undefined
  let stopped = false
  const connection = new KeepAliveGet(context.url, context.headers)
  const fetchOnce = async (extra: string) => {
    const cursor = epoch === undefined ? `since=${since}` : `since=${since}&epoch=${epoch}`
    const target = `${path}?${roomQuery(context)}&${cursor}&limit=${LIMIT}${extra}`
    const batch = JSON.parse(await connection.get(target)) as Batch
    epoch = batch.epoch
    for (const message of batch.messages) context.subscriber.receive(message.seq, message.ts)
    since = batch.messages.at(-1)?.seq ?? since
    return batch.messages.length
  }
  const ready = within(fetchOnce(firstQuery), CONNECT_TIMEOUT_MS, `${path}`).then(() => {})
  void ready
    .then(async () => {
      // Spread over the interval, so that N pollers do not all ask in the same millisecond.
      await sleep(Math.random() * pauseMs())
      while (!stopped) {
        const started = Date.now()
        const got = await fetchOnce('').catch(() => {
          if (!stopped) context.subscriber.fail()
          return 0
        })
        // A full batch: more is waiting, ask again at once.
        if (got < LIMIT) await sleep(Math.max(0, pauseMs() - (Date.now() - started)))
      }
    })
    .catch(() => {})
  return {
    ready,
    close() {
      stopped = true
      connection.close()
    },
  }
}
