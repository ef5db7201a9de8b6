import { describe, expectTypeOf, it } from 'vitest'
import type * as Server from '../../../server/src/protocol.ts'
import type { ChatMessage } from './chat-message.ts'
import type { ExchangeEvent, ExchangeLog, Transport } from './exchange.ts'
import type { WireStats } from './wire-stats.ts'

// Type-only: `npm run typecheck` fails here the day the web's copies drift from the server's contract.
describe('the web types match server/src/protocol.ts', () => {
  it('has the same transports, messages, exchange events and stats', () => {
    expectTypeOf<Transport>().toEqualTypeOf<Server.Transport>()
    expectTypeOf<ChatMessage>().toEqualTypeOf<Server.Message>()
    expectTypeOf<ExchangeEvent>().toEqualTypeOf<Server.ExchangeEvent>()
    expectTypeOf<ExchangeLog>().toEqualTypeOf<Server.ExchangeLog>()
    expectTypeOf<WireStats>().toEqualTypeOf<Server.StatsSnapshot>()
  })
})
