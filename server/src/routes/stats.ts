import { Hono } from 'hono'
import type { AppEnv, Deps } from '../http/app-env.ts'
import { requireOperator } from '../http/operator.ts'
import { queryClient } from '../http/params.ts'
import { toPrometheus } from '../wire/prometheus.ts'

/** The wire meter: `GET /api/stats[?client=ID]`, `POST /api/stats/reset`, `GET /metrics`. */
export function statsRoutes({ meter, feed, live, config, network }: Deps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/stats', (c) => c.json(meter.snapshot(queryClient(c))))
    .post('/api/stats/reset', (c) => {
      const client = queryClient(c)
      // A page resets its own figures; everyone's at once is the operator's.
      if (client === undefined) requireOperator(c, config.operatorToken ?? '')
      meter.reset(client)
      return c.json(meter.snapshot(client))
    })
    .get('/metrics', (c) =>
      c.text(
        toPrometheus(
          meter.snapshot(),
          meter.openSockets(),
          live,
          feed.listenerCount(),
          { proxies: network.proxyCount, cuts: network.cuts },
          feed.status(),
        ),
        200,
        { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' },
      ),
    )
}
