import type { RoomSettings } from '../../server/src/protocol.ts'
import type { LabControls, LabSource, ServerInfo } from './lab-source.ts'
import type { ConversationEntry } from './lib/conversation.ts'
import { TRANSPORTS } from './lib/exchange.ts'
import type { LabExport } from './lib/export.ts'
import type { LabMeasurements } from './lib/lab-measurements.ts'

export interface ExportInputs {
  source: LabSource
  measurements: LabMeasurements
  controls: LabControls | null
  room: RoomSettings | null
  server: ServerInfo | null
  messages: ConversationEntry[]
}

/** "Everything (JSON)": what the page measured, where, with what settings, and what it left out. */
export function buildLabExport(inputs: ExportInputs): LabExport {
  const { source, measurements, controls, room, server, messages } = inputs
  const omitted: string[] = []
  const samples: LabExport['samples'] = { 'one-way': {}, 'round-trip': {} }
  for (const [kind, store] of [
    ['one-way', measurements.oneWay],
    ['round-trip', measurements.roundTrip],
  ] as const) {
    for (const transport of TRANSPORTS) {
      const kept = store.samples(transport)
      samples[kind][transport] = kept
      const taken = store.totalCount(transport)
      if (taken > kept.length) {
        omitted.push(
          `samples.${kind}.${transport}: the last ${kept.length} of ${taken} samples (the page keeps ${store.capacityPerTransport} per transport)`,
        )
      }
    }
  }
  const first = messages[0]?.message.seq
  if (first !== undefined && first > 1) {
    omitted.push(
      `messages: from #${first} on; the page keeps the room's last ${messages.length} messages`,
    )
  }
  return {
    format: 'wirelab-lab-export/1',
    exportedAt: new Date().toISOString(),
    client: source.client,
    room: source.room,
    environment: {
      userAgent: navigator.userAgent,
      page: location.href,
      language: document.documentElement.lang,
      server,
    },
    settings: { page: controls, roomTicker: room?.ticker ?? null },
    clockOffset: measurements.offset,
    totals: measurements.totals(),
    wire: measurements.wireStats,
    samples,
    messages: messages.map(({ epoch, message, marks, fromHistory }) => ({
      ...message,
      epoch,
      fromHistory,
      arrivals: marks.map(({ transport, delivery, arrivedAt }) => ({
        transport,
        arrivedAt,
        ...delivery,
      })),
    })),
    omitted,
  }
}
